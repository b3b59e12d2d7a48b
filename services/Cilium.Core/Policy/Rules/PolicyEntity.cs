namespace Cilium.Core.Policy.Rules;

/// <summary>The entities of <c>fromEntities</c>/<c>toEntities</c> (<c>pkg/policy/api/entity.go</c>).</summary>
public enum PolicyEntity
{
    All,
    World,
    WorldIPv4,
    WorldIPv6,
    Cluster,
    Host,
    RemoteNode,
    KubeApiServer,
    Init,
    Health,
    Unmanaged,
    Ingress,
    None,
}
