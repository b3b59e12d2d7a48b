using Cilium.Contracts;
using Cilium.Endpoint.Storage;
using Cilium.ServiceDefaults.Events;

namespace Cilium.Endpoint.Events;

/// <summary>
/// Committed endpoints (<c>ep.</c> keys) go out as <c>cilium.v1.endpoint.&lt;ns&gt;.&lt;name&gt;</c> with key
/// <c>ns/name</c>, nodes (<c>node.</c> keys) as <c>cilium.v1.node.&lt;name&gt;</c> with key <c>name</c>. Claims are
/// internal and never published. Each source has its own durable consumer over the one bucket.
/// </summary>
public static class RegistryEvents
{
    public static KvEventSource Endpoints(string bucket) => new(
        bucket,
        RegistryKeys.EndpointPrefix,
        Subjects.EndpointKind,
        key =>
        {
            var (ns, name) = RegistryKeys.ParseEndpoint(key);
            return (Subjects.Endpoint(ns, name), $"{ns}/{name}");
        })
    {
        ConsumerName = $"cilium-events-{bucket}-endpoints",
    };

    public static KvEventSource Nodes(string bucket) => new(
        bucket,
        RegistryKeys.NodePrefix,
        Subjects.NodeKind,
        key =>
        {
            var name = RegistryKeys.Decode(key);
            return (Subjects.Node(name), name);
        })
    {
        ConsumerName = $"cilium-events-{bucket}-nodes",
    };
}
