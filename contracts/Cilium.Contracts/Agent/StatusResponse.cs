using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>
/// Answer of <c>GET /v1/healthz</c> (Cilium <c>models.StatusResponse</c>). Only the parts this project can fill are
/// modelled; <paramref name="Kvstore"/> reports the NATS connection (our key-value store), <paramref name="Kubernetes"/>
/// is <c>Disabled</c> outside a cluster.
/// </summary>
/// <param name="Stale">Probes that have not answered, name -> RFC 3339 time of the last answer.</param>
public sealed record StatusResponse(
    [property: JsonPropertyName("cilium")] Status? Cilium = null,
    [property: JsonPropertyName("kvstore")] Status? Kvstore = null,
    [property: JsonPropertyName("kubernetes")] K8sStatus? Kubernetes = null,
    [property: JsonPropertyName("ipam")] IPAMStatus? Ipam = null,
    [property: JsonPropertyName("cluster")] ClusterStatus? Cluster = null,
    [property: JsonPropertyName("cluster-mesh")] ClusterMeshStatus? ClusterMesh = null,
    [property: JsonPropertyName("controllers")] IReadOnlyList<ControllerStatus>? Controllers = null,
    [property: JsonPropertyName("hubble")] HubbleStatus? Hubble = null,
    [property: JsonPropertyName("identity-range")] IdentityRange? IdentityRange = null,
    [property: JsonPropertyName("bpf-maps")] BPFMapStatus? BpfMaps = null,
    [property: JsonPropertyName("nodeMonitor")] MonitorStatus? NodeMonitor = null,
    [property: JsonPropertyName("kube-proxy-replacement")] KubeProxyReplacement? KubeProxyReplacement = null,
    [property: JsonPropertyName("masquerading")] Masquerading? Masquerading = null,
    [property: JsonPropertyName("routing")] Routing? Routing = null,
    [property: JsonPropertyName("host-firewall")] HostFirewall? HostFirewall = null,
    [property: JsonPropertyName("cni-chaining")] CniChainingStatus? CniChaining = null,
    [property: JsonPropertyName("cni-file")] Status? CniFile = null,
    [property: JsonPropertyName("clock-source")] ClockSource? ClockSource = null,
    [property: JsonPropertyName("datapath-mode")] string? DatapathMode = null,
    [property: JsonPropertyName("attach-mode")] string? AttachMode = null,
    [property: JsonPropertyName("client-id")] long ClientId = 0,
    [property: JsonPropertyName("stale")] IReadOnlyDictionary<string, string>? Stale = null);
