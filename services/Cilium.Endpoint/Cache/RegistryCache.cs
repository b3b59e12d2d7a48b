using System.Collections.Concurrent;
using Cilium.Contracts.Endpoints;
using Cilium.Contracts.Nodes;

namespace Cilium.Endpoint.Cache;

/// <summary>
/// The replica's view of the committed endpoints and nodes, fed only by <see cref="RegistryCacheWatcher"/> in
/// bucket order, so it never goes back in time. It answers lists; single gets read the bucket.
/// </summary>
public sealed class RegistryCache
{
    private readonly ConcurrentDictionary<(string Namespace, string Name), CiliumEndpoint> _endpoints = new();
    private readonly ConcurrentDictionary<string, CiliumNode> _nodes = new(StringComparer.Ordinal);
    private long _appliedRevision;

    /// <summary>The bucket revision up to which every change is applied.</summary>
    public ulong AppliedRevision => (ulong)Interlocked.Read(ref _appliedRevision);

    public IEnumerable<CiliumEndpoint> Endpoints => _endpoints.Values.OrderBy(e => e.Namespace, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal);
    public IEnumerable<CiliumNode> Nodes => _nodes.Values.OrderBy(n => n.Name, StringComparer.Ordinal);

    public void Upsert(CiliumEndpoint endpoint) => _endpoints[(endpoint.Namespace, endpoint.Name)] = endpoint;
    public void RemoveEndpoint(string k8sNamespace, string name) => _endpoints.TryRemove((k8sNamespace, name), out _);
    public void Upsert(CiliumNode node) => _nodes[node.Name] = node;
    public void RemoveNode(string name) => _nodes.TryRemove(name, out _);

    public void Applied(ulong revision) => Interlocked.Exchange(ref _appliedRevision, (long)Math.Max(revision, AppliedRevision));
}
