using System.Text.Json;

namespace Cilium.Cni.Spec;

/// <summary>Decodes and checks the configuration on stdin, with the spec's codes for each kind of mistake.</summary>
public static class NetConfReader
{
    /// <summary>The version to answer errors in: the config's own when it can be read, else the latest.</summary>
    public static string ErrorVersion(string? stdin)
    {
        try
        {
            var version = string.IsNullOrWhiteSpace(stdin) ? null : JsonSerializer.Deserialize(stdin, CniJsonContext.Default.NetConf)?.CniVersion;
            return CniVersions.IsSupported(version) ? version! : CniVersions.Latest;
        }
        catch (JsonException)
        {
            return CniVersions.Latest;
        }
    }

    public static NetConf Parse(string? stdin)
    {
        if (string.IsNullOrWhiteSpace(stdin))
        {
            throw new CniException(CniErrorCode.DecodingFailure, "no network configuration on stdin; the runtime passes the plugin's entry of the conflist there");
        }
        NetConf? conf;
        try
        {
            conf = JsonSerializer.Deserialize(stdin, CniJsonContext.Default.NetConf);
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.DecodingFailure, $"the network configuration on stdin is not valid JSON: {e.Message}");
        }
        if (conf is null)
        {
            throw new CniException(CniErrorCode.DecodingFailure, "the network configuration on stdin is null");
        }
        if (string.IsNullOrEmpty(conf.CniVersion))
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, "the network configuration has no \"cniVersion\"");
        }
        if (!CniVersions.IsSupported(conf.CniVersion))
        {
            throw new CniException(CniErrorCode.IncompatibleVersion,
                $"CNI version {conf.CniVersion} is not supported; cilium-cni supports {string.Join(", ", CniVersions.Supported)}",
                details: "set \"cniVersion\" of the conflist to one of the supported versions");
        }
        if (string.IsNullOrEmpty(conf.Name))
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, "the network configuration has no \"name\"");
        }
        if (conf.Type != NetConf.PluginType)
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig,
                $"the network configuration's \"type\" is \"{conf.Type}\", but this plugin is \"{NetConf.PluginType}\"");
        }
        if (conf.Mtu is < 68 or > 65535)
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, $"\"mtu\" {conf.Mtu} is outside 68..65535");
        }
        return conf;
    }
}
