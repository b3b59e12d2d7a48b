using System.Net;
using Cilium.Hubble.Ingest;

namespace Cilium.Hubble.Tests.Support;

/// <summary>
/// Stands in for the agent's endpoint manager and identity cache: a fixed map of IPs to pods in the
/// benchmark range 198.18.0.0/15, and labels for a few identities.
/// </summary>
public sealed class TestResolver : IEndpointResolver
{
    public static readonly EndpointInfo Client = new(7, 1001, "default", "client-1", ["k8s:app=client", "k8s:io.kubernetes.pod.namespace=default"]);
    public static readonly EndpointInfo Server = new(9, 1002, "default", "server-1", ["k8s:app=server", "k8s:io.kubernetes.pod.namespace=default"]);
    public static readonly EndpointInfo Dns = new(11, 1003, "kube-system", "coredns-abc", ["k8s:k8s-app=kube-dns", "k8s:io.kubernetes.pod.namespace=kube-system"]);

    public const string ClientIp = "198.18.0.10";
    public const string ServerIp = "198.18.0.20";
    public const string DnsIp = "198.18.1.53";
    public const string WorldIp = "203.0.113.7";

    private readonly Dictionary<string, EndpointInfo> _byIp = new()
    {
        [ClientIp] = Client,
        [ServerIp] = Server,
        [DnsIp] = Dns,
    };

    public EndpointInfo? ResolveIp(IPAddress ip) => _byIp.GetValueOrDefault(ip.ToString());

    public IReadOnlyList<string> ResolveIdentity(uint identity) => identity switch
    {
        2 => ["reserved:world"],
        1001 => Client.Labels,
        1002 => Server.Labels,
        _ => [],
    };
}
