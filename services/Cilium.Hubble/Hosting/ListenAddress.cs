using System.Globalization;
using System.Net;

namespace Cilium.Hubble.Hosting;

/// <summary>Parses Cilium-style listen addresses: <c>:4244</c> (every interface), <c>127.0.0.1:4244</c>, <c>[::1]:4244</c>.</summary>
public static class ListenAddress
{
    public static IPEndPoint Parse(string address)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        var colon = address.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new FormatException($"listen address '{address}' must be [host]:port, e.g. :4244 or 127.0.0.1:4244");
        }
        var host = address[..colon].Trim('[', ']');
        if (host.Length == 0)
        {
            return new IPEndPoint(IPAddress.IPv6Any, port);
        }
        if (host == "localhost")
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }
        return IPAddress.TryParse(host, out var ip)
            ? new IPEndPoint(ip, port)
            : throw new FormatException($"listen address '{address}': '{host}' is not an IP address");
    }
}
