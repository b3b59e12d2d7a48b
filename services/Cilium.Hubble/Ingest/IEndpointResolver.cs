using System.Net;

namespace Cilium.Hubble.Ingest;

/// <summary>
/// Implemented by the agent (endpoint manager + ipcache + identity cache). Called on the ingest path for every
/// notification, so answers must come from memory. Return the same <see cref="EndpointInfo"/> instance while an
/// endpoint is unchanged: the builder caches its wire form per instance.
/// </summary>
public interface IEndpointResolver
{
    /// <summary>The endpoint that owns <paramref name="ip"/>, or null when it is not a known pod (world, host, a CIDR).</summary>
    EndpointInfo? ResolveIp(IPAddress ip);

    /// <summary>The labels of a security identity (<c>reserved:world</c>, <c>k8s:app=x</c>, ...); empty when unknown.</summary>
    IReadOnlyList<string> ResolveIdentity(uint identity);
}
