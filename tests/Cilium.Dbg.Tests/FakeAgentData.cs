using Cilium.Contracts.Agent;
using Cilium.Contracts.Identities;

namespace Cilium.Dbg.Tests;

/// <summary>
/// The canned, Cilium-shaped answers of <see cref="FakeAgentServer"/>: two endpoints (42 ready, 7 waiting for its
/// identity), three identities, the datapath maps in the text form the agent is to use, monitor events.
/// </summary>
public static class FakeAgentData
{
    public const string MapRoot = "/sys/fs/bpf/tc/globals/";

    public static Identity Host { get; } = new(1, ["reserved:host"], "h");
    public static Identity World { get; } = new(2, ["reserved:world"], "w");
    public static Identity Web { get; } = new(12345, ["k8s:io.kubernetes.pod.namespace=default", "k8s:app=web"], "sha");

    public static Endpoint Endpoint42 { get; } = new(42,
        new EndpointConfigurationSpec(Options: new Dictionary<string, string> { ["PolicyAuditMode"] = "Disabled" }),
        new EndpointStatus(
            EndpointState.Ready,
            Identity: Web,
            Labels: new LabelConfigurationStatus(SecurityRelevant: Web.Labels, Derived: ["k8s:pod-template-hash=5d8f"]),
            Networking: new EndpointNetworking([new AddressPair(Ipv4: "198.18.1.10", Ipv6: "fd00::10")], InterfaceName: "lxc42", InterfaceIndex: 12),
            ExternalIdentifiers: new EndpointIdentifiers(ContainerId: "c0ffee", CniAttachmentId: "c0ffee:eth0", K8sNamespace: "default", K8sPodName: "web-1"),
            Policy: new EndpointPolicyStatus(Realized: new EndpointPolicy(12345, PolicyRevision: 3, PolicyEnabled: EndpointPolicyEnabled.Ingress)),
            Log: [new EndpointStatusChange("OK", "Successfully regenerated endpoint program", EndpointState.Ready, "2025-01-02T03:04:05Z")],
            Health: new EndpointHealth(EndpointHealthStatus.Ok, EndpointHealthStatus.Ok, EndpointHealthStatus.Ok, true)));

    public static Endpoint Endpoint7 { get; } = new(7, null,
        new EndpointStatus(
            EndpointState.WaitingForIdentity,
            Identity: new Identity(5, ["reserved:init"], "i"),
            Networking: new EndpointNetworking([new AddressPair(Ipv4: "198.18.1.11")]),
            Policy: new EndpointPolicyStatus(Realized: new EndpointPolicy(5, PolicyEnabled: EndpointPolicyEnabled.AuditBoth)),
            Log:
            [
                new EndpointStatusChange("OK", "Identity is being resolved", EndpointState.WaitingForIdentity, "2025-01-02T03:04:06Z"),
            ],
            Health: new EndpointHealth(EndpointHealthStatus.Pending, EndpointHealthStatus.Bootstrap, EndpointHealthStatus.Pending, false)));

    public static IReadOnlyList<Endpoint> Endpoints { get; } = [Endpoint42, Endpoint7];

    public static IReadOnlyList<Identity> Identities { get; } = [Web, Host, World];

    public static StatusResponse Status { get; } = new(
        Cilium: new Status(StatusState.Ok, "1.19.4-csharp (fake agent)"),
        Kvstore: new Status(StatusState.Ok, "NATS nats://127.0.0.1:4222 connected"),
        Kubernetes: new K8sStatus(StatusState.Disabled),
        Ipam: new IPAMStatus(Ipv4: ["198.18.1.0/24"], Allocations: new Dictionary<string, string>
        {
            ["198.18.1.10"] = "default/web-1",
            ["198.18.1.1"] = "router",
        }),
        Cluster: new ClusterStatus("default/node-1",
            [new NodeElement("default/node-1", new NodeAddressing(new NodeAddressingElement(true, "198.18.0.1")))],
            new Status(StatusState.Ok)),
        Controllers:
        [
            new ControllerStatus("endpoint-42-regeneration", Status: new ControllerStatusStatus(SuccessCount: 4, LastSuccessTimestamp: "2025-01-02T03:04:05Z")),
            new ControllerStatus("sync-identities", Status: new ControllerStatusStatus(FailureCount: 2, ConsecutiveFailureCount: 2, LastFailureMsg: "identity service unreachable")),
        ],
        Hubble: new HubbleStatus(StatusState.Ok, Observer: new HubbleStatusObserver(100, 4096, 1000, "1m40s")),
        IdentityRange: new IdentityRange(256, 65535),
        BpfMaps: new BPFMapStatus(0.0025, [new BPFMapProperties("cilium_ipcache_v2", 512000)]),
        NodeMonitor: new MonitorStatus(Cpus: 4, Npages: 64, Pagesize: 4096),
        Routing: new Routing("BPF", "Tunnel", "vxlan"),
        DatapathMode: "veth",
        AttachMode: "tcx",
        ClientId: 1);

    public static PolicyResponse Policy { get; } = new(
        """[{"endpointSelector":{"matchLabels":{"any:app":"web"}},"ingress":[{"fromEndpoints":[{}]}]}]""", 3);

    public static IReadOnlyList<SelectorIdentityMapping> Selectors { get; } =
    [
        new("&LabelSelector{MatchLabels:map[string]string{any.app: web,}}", [12345], 1,
            [["k8s:io.cilium.k8s.policy.derived-from=CiliumNetworkPolicy", "k8s:io.cilium.k8s.policy.name=allow-web", "k8s:io.cilium.k8s.policy.namespace=default"]]),
    ];

    public static IReadOnlyDictionary<string, BPFMap> Maps { get; } = new Dictionary<string, BPFMap>
    {
        ["cilium_ipcache_v2"] = Map("cilium_ipcache_v2",
            new BPFMapEntry("0.0.0.0/0", "identity=2 encryptkey=0 tunnelendpoint=0.0.0.0 flags=<none>"),
            new BPFMapEntry("198.18.1.0/24", "identity=6 encryptkey=0 tunnelendpoint=198.18.0.2 flags=hastunnel"),
            new BPFMapEntry("198.18.1.10/32", "identity=12345 encryptkey=0 tunnelendpoint=0.0.0.0 flags=<none>")),
        // The agent's form ("Ingress 12345 80/TCP" -> "Allow", optional counters), plus one entry in the key=value form.
        ["cilium_policy_v2_00042"] = Map("cilium_policy_v2_00042",
            new BPFMapEntry("Ingress 12345 80/TCP", "Allow bytes=1200 packets=10"),
            new BPFMapEntry("Ingress 1 ANY", "Allow"),
            new BPFMapEntry("identity=2 direction=egress protocol=17 dport=53 prefixlen=24", "action=deny proxyport=0 authtype=0 bytes=64 packets=1")),
        ["cilium_policy_v2_00007"] = Map("cilium_policy_v2_00007"),
        ["cilium_ct4_global"] = Map("cilium_ct4_global",
            new BPFMapEntry("TCP OUT 198.18.1.10:43210 -> 198.18.1.11:80", "expires=17000 Packets=3 Bytes=180 Flags=0x0000 RevNAT=0 SourceSecurityID=12345")),
        ["cilium_ct_any4_global"] = Map("cilium_ct_any4_global",
            new BPFMapEntry("UDP OUT 198.18.1.10:5353 -> 198.18.0.1:53", "expires=17030 Packets=1 Bytes=60 Flags=0x0000 RevNAT=0 SourceSecurityID=12345")),
        ["cilium_lxc"] = Map("cilium_lxc",
            new BPFMapEntry("198.18.1.10:0", "id=42 sec_id=12345 flags=0x0000 ifindex=12 mac=02:00:00:00:00:2a nodemac=02:00:00:00:00:01"),
            new BPFMapEntry("198.18.1.11:0", "id=7 sec_id=5 flags=0x0000 ifindex=13 mac=02:00:00:00:00:07 nodemac=02:00:00:00:00:01", "sync", "update cilium_lxc: E2BIG")),
        ["cilium_metrics"] = Map("cilium_metrics",
            new BPFMapEntry("reason=133 direction=INGRESS", "packets=5 bytes=300"),
            new BPFMapEntry("reason=0 direction=egress", "packets=100 bytes=9000")),
        // A map whose entries the agent does not cache: "Cache enabled" false in map list.
        ["cilium_call_policy"] = new(MapRoot + "cilium_call_policy", null),
    };

    public static DaemonConfiguration Config { get; } = new(
        new DaemonConfigurationSpec(new Dictionary<string, string> { ["Debug"] = "Disabled" }, "default"),
        new DaemonConfigurationStatus(
            Realized: new DaemonConfigurationSpec(
                new Dictionary<string, string> { ["PolicyAuditMode"] = "Disabled", ["ConntrackAccounting"] = "Enabled", ["Debug"] = "Disabled" },
                "default"),
            Immutable: new Dictionary<string, string> { ["k8s-namespace"] = "kube-system" }));

    public static IReadOnlyList<IPListEntry> IpList { get; } =
    [
        new("198.18.1.10/32", 12345, Metadata: new IPListEntryMetadata("custom-resource")),
        new("0.0.0.0/0", 2, Metadata: new IPListEntryMetadata("generated")),
    ];

    public static ClusterNodeStatus Nodes { get; } = new(
        Self: "default/node-1",
        NodesAdded:
        [
            new("default/node-2", new NodeAddressing(new NodeAddressingElement(true, "198.18.0.2", "198.18.2.0/24")), Source: "kvstore"),
            new("default/node-1", new NodeAddressing(new NodeAddressingElement(true, "198.18.0.1", "198.18.1.0/24")), Source: "local"),
        ]);

    public static IReadOnlyList<MonitorEvent> MonitorEvents { get; } =
    [
        new(MonitorEventType.Drop, DateTimeOffset.Parse("2025-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture),
            EndpointId: 42, SourceIdentity: 2, DestinationIdentity: 12345, SourceIp: "198.18.0.50", DestinationIp: "198.18.1.10",
            SourcePort: 40000, DestinationPort: 80, Protocol: "tcp", Verdict: "dropped", DropReason: 133, DropReasonDesc: "Policy denied",
            Direction: "ingress", Ifindex: 12),
        new(MonitorEventType.Trace, DateTimeOffset.Parse("2025-01-02T03:04:06Z", System.Globalization.CultureInfo.InvariantCulture),
            EndpointId: 42, SourceIdentity: 1, DestinationIdentity: 12345, SourceIp: "198.18.0.1", DestinationIp: "198.18.1.10",
            SourcePort: 50000, DestinationPort: 80, Protocol: "tcp", Verdict: "forwarded", Direction: "ingress",
            ObservationPoint: "to-endpoint", Ifindex: 12),
        new(MonitorEventType.PolicyVerdict, DateTimeOffset.Parse("2025-01-02T03:04:07Z", System.Globalization.CultureInfo.InvariantCulture),
            EndpointId: 7, SourceIdentity: 5, DestinationIdentity: 2, SourceIp: "198.18.1.11", DestinationIp: "198.18.9.9",
            Protocol: "icmp", Verdict: "allow", MatchType: "L3-Only", Direction: "egress"),
    ];

    private static BPFMap Map(string name, params BPFMapEntry[] entries) => new(MapRoot + name, entries);
}
