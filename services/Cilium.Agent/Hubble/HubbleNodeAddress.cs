using System.Net;
using Cilium.Hubble;
using Cilium.Hubble.Hosting;

namespace Cilium.Agent.Hubble;

/// <summary>
/// Where other components reach this node's observer, as the agent registers it with its node: the advertised
/// address if one is set; for a listener on every interface (Cilium's <c>:4244</c>) the node's IP with that port, as
/// Cilium's Peer service derives it; a listener on one address as it is; with no TCP listener the unix socket (the lab,
/// decision 0005). Null when Hubble does not run on this node.
/// </summary>
public static class HubbleNodeAddress
{
    public static HubbleOptions Options(IConfiguration configuration, AgentOptions agent)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(agent);
        var options = new HubbleOptions();
        configuration.GetSection(HubbleOptions.SectionName).Bind(options);
        options.NodeName = agent.NodeName;
        return options;
    }

    public static string? Resolve(IConfiguration configuration, AgentOptions agent)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(agent);
        return agent.Datapath && configuration.GetValue("Hubble:Enabled", true) ? Resolve(Options(configuration, agent), agent.NodeIp) : null;
    }

    public static string? Resolve(HubbleOptions options, string? nodeIp)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.AdvertiseAddress.Length > 0)
        {
            return options.AdvertiseAddress;
        }
        if (options.ListenAddress.Length > 0)
        {
            var listen = ListenAddress.Parse(options.ListenAddress);
            if (!listen.Address.Equals(IPAddress.Any) && !listen.Address.Equals(IPAddress.IPv6Any))
            {
                return listen.ToString();
            }
            if (IPAddress.TryParse(nodeIp, out var ip))
            {
                return new IPEndPoint(ip, listen.Port).ToString();
            }
        }
        return options.SocketPath.Length > 0 ? "unix://" + options.SocketPath : null;
    }
}
