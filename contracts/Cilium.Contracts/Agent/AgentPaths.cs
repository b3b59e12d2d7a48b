namespace Cilium.Contracts.Agent;

/// <summary>
/// Where the agent's REST API is and its paths (Cilium <c>api/v1/openapi.yaml</c>, base path <c>/v1</c>, served over a
/// unix socket). Shared by the agent, the CNI plugin and cilium-dbg so the three cannot drift apart.
/// </summary>
public static class AgentPaths
{
    /// <summary>Cilium's <c>defaults.SockPath</c>.</summary>
    public const string DefaultSocketPath = "/var/run/cilium/cilium.sock";

    /// <summary>Environment variable that overrides <see cref="DefaultSocketPath"/> (Cilium's <c>CILIUM_SOCK</c>).</summary>
    public const string SocketEnvironmentVariable = "CILIUM_SOCK";

    public const string BasePath = "/v1";

    public const string Healthz = BasePath + "/healthz";
    public const string Config = BasePath + "/config";
    public const string ClusterNodes = BasePath + "/cluster/nodes";
    public const string Endpoints = BasePath + "/endpoint";
    public const string Identities = BasePath + "/identity";
    public const string IdentityEndpoints = BasePath + "/identity/endpoints";
    public const string Policy = BasePath + "/policy";
    public const string PolicySelectors = BasePath + "/policy/selectors";
    public const string Ipam = BasePath + "/ipam";
    public const string Ip = BasePath + "/ip";
    public const string Maps = BasePath + "/map";

    /// <summary>
    /// The JSON-lines stream of <see cref="MonitorEvent"/>s (our addition: Cilium's monitor is a separate binary socket).
    /// Queries: <see cref="MonitorFollowQuery"/>, <see cref="MonitorTypeQuery"/>, <see cref="MonitorRelatedToQuery"/>.
    /// </summary>
    public const string Monitor = BasePath + "/monitor";

    /// <summary><c>true</c>: keep the response open and write events as they happen.</summary>
    public const string MonitorFollowQuery = "follow";

    /// <summary>Only events of this <see cref="MonitorEventType"/> (may repeat).</summary>
    public const string MonitorTypeQuery = "type";

    /// <summary>Only events whose endpoint id is this local endpoint.</summary>
    public const string MonitorRelatedToQuery = "related-to";

    /// <summary>Header of <c>GET /v1/healthz</c> asking for a one-word answer (Cilium's <c>brief</c>).</summary>
    public const string BriefHeader = "brief";

    /// <summary>Header of <c>GET /v1/cluster/nodes</c> naming the caller for incremental answers.</summary>
    public const string ClientIdHeader = "client-id";

    /// <summary><c>/v1/endpoint/{id}</c>; <paramref name="id"/> is any form <see cref="EndpointIdSpec"/> accepts.</summary>
    public static string Endpoint(string id) => $"{Endpoints}/{Escape(id)}";

    public static string EndpointConfig(string id) => Endpoint(id) + "/config";

    public static string EndpointLabels(string id) => Endpoint(id) + "/labels";

    public static string EndpointLog(string id) => Endpoint(id) + "/log";

    public static string EndpointHealthz(string id) => Endpoint(id) + "/healthz";

    public static string Identity(string id) => $"{Identities}/{Escape(id)}";

    public static string IpamIp(string ipOrOwner) => $"{Ipam}/{Escape(ipOrOwner)}";

    public static string Map(string name) => $"{Maps}/{Escape(name)}";

    /// <summary>Name of the per-endpoint policy map, <c>cilium_policy_v2_</c> plus the id in five digits (<c>cilium_policy_v2_00042</c>).</summary>
    public static string PolicyMapName(long endpointId) => $"cilium_policy_v2_{endpointId:D5}";

    // Ids such as "cep-name:default/pod" carry a slash; escaping keeps them one path segment.
    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
