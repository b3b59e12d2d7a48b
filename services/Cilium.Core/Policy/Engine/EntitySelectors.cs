using Cilium.Core.Labels;
using Cilium.Core.Policy;
using Cilium.Core.Policy.Parsing;
using Cilium.Core.Policy.Rules;
using Cilium.Core.Policy.Selectors;

namespace Cilium.Core.Policy.Engine;

/// <summary>
/// What each entity selects, as label selectors (<c>pkg/policy/api/entity.go</c> <c>EntitySelectorMapping</c>):
/// <c>world</c> is the world identities and so every CIDR identity (they carry <c>reserved:world</c>); <c>cluster</c> is
/// the reserved in-cluster identities plus every identity of the local cluster; <c>all</c> is the wildcard and
/// <c>none</c> nothing, and neither appears here.
/// </summary>
internal sealed class EntitySelectors
{
    private readonly Dictionary<PolicyEntity, PeerSelector[]> _map;

    public EntitySelectors(string clusterName)
    {
        static EndpointSelector Reserved(string name) => EndpointSelector.ForLabel(new Label(LabelSources.Reserved, name, ""));
        PeerSelector[] world = [Reserved("world"), Reserved("world-ipv4"), Reserved("world-ipv6")];
        _map = new Dictionary<PolicyEntity, PeerSelector[]>
        {
            [PolicyEntity.World] = world,
            // An IPv4 /0 selects world, world-ipv4 and the IPv4 CIDR identities: world split by family.
            [PolicyEntity.WorldIPv4] = [new CidrSelector(CidrText.Parse("0.0.0.0/0"))],
            [PolicyEntity.WorldIPv6] = [new CidrSelector(CidrText.Parse("::/0"))],
            [PolicyEntity.Host] = [Reserved("host")],
            [PolicyEntity.RemoteNode] = [Reserved("remote-node")],
            [PolicyEntity.KubeApiServer] = [Reserved("kube-apiserver")],
            [PolicyEntity.Init] = [Reserved("init")],
            [PolicyEntity.Health] = [Reserved("health")],
            [PolicyEntity.Unmanaged] = [Reserved("unmanaged")],
            [PolicyEntity.Ingress] = [Reserved("ingress")],
            [PolicyEntity.Cluster] =
            [
                Reserved("host"), Reserved("remote-node"), Reserved("init"), Reserved("ingress"), Reserved("health"),
                Reserved("unmanaged"), Reserved("kube-apiserver"),
                EndpointSelector.ForLabel(new Label(LabelSources.K8s, NamespaceScoping.ClusterKey, clusterName)),
            ],
            [PolicyEntity.None] = [],
        };
    }

    public IReadOnlyList<PeerSelector> For(PolicyEntity entity) => _map.TryGetValue(entity, out var s) ? s : [];
}
