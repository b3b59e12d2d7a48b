using System.Globalization;
using System.Text;

namespace Cilium.Endpoint.Storage;

/// <summary>
/// The keys of the registry bucket. KV keys allow only <c>[-/_=.a-zA-Z0-9]</c> and use '.' between tokens, so
/// every name or IP becomes one token: letters, digits and '-' stay, any other UTF-8 byte becomes '_' and two
/// upper-case hex digits ('.' is <c>_2E</c>, ':' is <c>_3A</c>). The encoding is reversible.
/// <list type="bullet">
/// <item><c>ep.&lt;namespace&gt;.&lt;name&gt;</c> -> endpoint record (JSON, REST shape without revision)</item>
/// <item><c>node.&lt;name&gt;</c> -> node record</item>
/// <item><c>ip.&lt;ip&gt;</c> -> <see cref="IpClaim"/>: which endpoint holds the IP</item>
/// <item><c>podcidrs</c> -> <see cref="PodCidrIndex"/>: every node's pod CIDR claims, in one key so that one
/// compare-and-swap guards the overlap check of all of them</item>
/// </list>
/// </summary>
public static class RegistryKeys
{
    public const string EndpointPrefix = "ep.";
    public const string NodePrefix = "node.";
    public const string IpPrefix = "ip.";
    public const string PodCidrIndex = "podcidrs";

    public static string Endpoint(string k8sNamespace, string name) => $"{EndpointPrefix}{Encode(k8sNamespace)}.{Encode(name)}";
    public static string Node(string name) => NodePrefix + Encode(name);
    public static string Ip(string canonicalIp) => IpPrefix + Encode(canonicalIp);

    /// <summary>The namespace and name of an endpoint key without its prefix (<c>&lt;ns&gt;.&lt;name&gt;</c>).</summary>
    public static (string Namespace, string Name) ParseEndpoint(string keyWithoutPrefix)
    {
        var dot = keyWithoutPrefix.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == keyWithoutPrefix.Length - 1)
        {
            throw new FormatException($"'{keyWithoutPrefix}' is not an endpoint key");
        }
        return (Decode(keyWithoutPrefix[..dot]), Decode(keyWithoutPrefix[(dot + 1)..]));
    }

    public static string Encode(string part)
    {
        var sb = new StringBuilder(part.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(part))
        {
            var c = (char)b;
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('_').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }

    public static string Decode(string token)
    {
        var bytes = new List<byte>(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] == '_')
            {
                if (i + 2 >= token.Length)
                {
                    throw new FormatException($"truncated escape in key token '{token}'");
                }
                bytes.Add(byte.Parse(token.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                bytes.Add((byte)token[i]);
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
