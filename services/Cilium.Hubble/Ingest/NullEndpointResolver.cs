using System.Net;

namespace Cilium.Hubble.Ingest;

/// <summary>Knows nothing: flows carry IPs and identities only. Used until the agent registers its resolver.</summary>
public sealed class NullEndpointResolver : IEndpointResolver
{
    public EndpointInfo? ResolveIp(IPAddress ip) => null;

    public IReadOnlyList<string> ResolveIdentity(uint identity) => [];
}
