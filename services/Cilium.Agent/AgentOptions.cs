using System.ComponentModel.DataAnnotations;

namespace Cilium.Agent;

/// <summary>
/// Settings of one node agent (section <c>Agent</c>; Cilium's own flag names such as <c>--socket-path</c> work too,
/// see <see cref="AgentServiceExtensions"/>).
/// </summary>
public sealed class AgentOptions
{
    public const string SectionName = "Agent";
    public const string DefaultSocketPath = "/var/run/cilium/cilium.sock";

    /// <summary>This node's name, as the endpoint service and Hubble know it.</summary>
    [Required, RegularExpression("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", ErrorMessage = "Agent:NodeName must be a DNS subdomain")]
    public string NodeName { get; set; } = Environment.MachineName.ToLowerInvariant();

    /// <summary>The REST API's unix socket; <c>CILIUM_SOCK</c> overrides the default.</summary>
    [Required]
    public string SocketPath { get; set; } = Environment.GetEnvironmentVariable("CILIUM_SOCK") is { Length: > 0 } s ? s : DefaultSocketPath;

    /// <summary>Where the agent keeps what it must find again after a restart (endpoints, IPAM).</summary>
    [Required]
    public string StateDir { get; set; } = "/var/run/cilium/state";

    /// <summary>This node's bpffs directory; several agents on one kernel each need their own.</summary>
    [Required]
    public string BpffsRoot { get; set; } = "/sys/fs/bpf/cilium";

    /// <summary>
    /// The network namespace (a name under /var/run/netns) that is this node's host namespace. Empty: the agent's own.
    /// The lab runs each node's datapath in a namespace of its own.
    /// </summary>
    public string? HostNetns { get; set; }

    /// <summary>The node's IPv4 pod CIDR; pod addresses come from it.</summary>
    public string? PodCidr { get; set; }

    /// <summary>The node's IPv6 pod CIDR, if any.</summary>
    public string? PodCidrV6 { get; set; }

    /// <summary>The node's own (underlay) IPv4 address, registered with the endpoint service.</summary>
    public string? NodeIp { get; set; }

    /// <summary>Cilium's <c>enable-policy</c>: default, always or never.</summary>
    [RegularExpression("^(default|always|never)$")]
    public string PolicyEnforcement { get; set; } = "default";

    [Required] public string IdentityUrl { get; set; } = "http://127.0.0.1:8081";
    [Required] public string EndpointUrl { get; set; } = "http://127.0.0.1:8082";
    [Required] public string PolicyUrl { get; set; } = "http://127.0.0.1:8083";

    /// <summary>Load and attach eBPF. Off only where a node runs without a datapath (its endpoints stay not-ready).</summary>
    public bool Datapath { get; set; } = true;

    /// <summary>Entries per endpoint policy map (Cilium's <c>bpf-policy-map-max</c>, 256..65536, default 16384).</summary>
    [Range(4, 65536)]
    public uint PolicyMapMaxEntries { get; set; } = 16384;

    /// <summary>Where the agent writes <c>05-cilium.conflist</c> once ready; empty to skip.</summary>
    public string? CniConfDir { get; set; }
}
