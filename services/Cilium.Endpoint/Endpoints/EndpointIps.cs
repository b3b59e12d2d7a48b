using Cilium.Contracts.Endpoints;

namespace Cilium.Endpoint.Endpoints;

/// <summary>The IPs an endpoint record names, with the request field each comes from.</summary>
public static class EndpointIps
{
    public const string Ipv4Field = "addressing.ipv4";
    public const string Ipv6Field = "addressing.ipv6";

    public static IEnumerable<(string Field, string Ip)> Of(CiliumEndpoint endpoint)
    {
        if (endpoint.Addressing.Ipv4 is { } v4)
        {
            yield return (Ipv4Field, v4);
        }
        if (endpoint.Addressing.Ipv6 is { } v6)
        {
            yield return (Ipv6Field, v6);
        }
    }

    public static bool Names(CiliumEndpoint? endpoint, string ip) =>
        endpoint is not null && (endpoint.Addressing.Ipv4 == ip || endpoint.Addressing.Ipv6 == ip);

    public static string Holder(CiliumEndpoint endpoint) => Holder(endpoint.Namespace, endpoint.Name);
    public static string Holder(string k8sNamespace, string name) => $"{k8sNamespace}/{name}";
}
