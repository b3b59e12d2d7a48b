using System.Net;

namespace Cilium.Bpf.Tests.Lab;

/// <summary>A "pod": a namespace with eth0, whose veth peer sits in the node namespace with the endpoint's programs on it.</summary>
internal sealed class Pod
{
    public Pod(int index, string runId)
    {
        Index = index;
        Netns = $"cbt-{runId}-pod{index}";
        HostVeth = $"c{runId}h{index}";
        V4 = IPAddress.Parse($"198.18.0.{10 + index}");
        V6 = IPAddress.Parse($"fd00::{10 + index}");
        EndpointId = (ushort)(100 + index);
        Identity = (uint)(1000 + index);
    }

    public int Index { get; }
    public string Netns { get; }
    public string HostVeth { get; }
    public IPAddress V4 { get; }
    public IPAddress V6 { get; }
    public ushort EndpointId { get; }
    public uint Identity { get; }
    public int HostIfindex { get; set; }
    public EndpointDatapath Endpoint { get; set; } = null!;
    public NetworkNamespace Namespace => NetworkNamespace.Named(Netns);

    public IPAddress Address(bool v6) => v6 ? V6 : V4;

    public override string ToString() => $"pod{Index} ({V4}, ep {EndpointId}, id {Identity})";
}
