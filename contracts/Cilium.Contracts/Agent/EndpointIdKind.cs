namespace Cilium.Contracts.Agent;

/// <summary>The prefix of an endpoint id in <c>/v1/endpoint/{id}</c> (Cilium <c>pkg/endpoint/id</c>, plus older prefixes the API still documents).</summary>
public enum EndpointIdKind
{
    /// <summary><c>cilium-local:&lt;n&gt;</c> or a bare number: the node-local endpoint id.</summary>
    CiliumLocal,

    /// <summary><c>cni-attachment-id:&lt;containerID&gt;[:&lt;ifname&gt;]</c>.</summary>
    CniAttachmentId,

    /// <summary><c>cep-name:&lt;namespace&gt;/&lt;name&gt;</c>.</summary>
    CepName,

    /// <summary><c>ipv4:&lt;address&gt;</c>.</summary>
    Ipv4,

    /// <summary><c>ipv6:&lt;address&gt;</c>.</summary>
    Ipv6,

    /// <summary>Legacy <c>container-id:&lt;containerID&gt;</c>.</summary>
    ContainerId,

    /// <summary>Legacy <c>pod-name:&lt;namespace&gt;/&lt;pod&gt;</c>.</summary>
    PodName,
}
