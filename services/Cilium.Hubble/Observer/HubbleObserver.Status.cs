using Cilium.Hubble.Contracts.Observer;
using Cilium.Hubble.Contracts.Relay;
using Cilium.Hubble.Ring;

namespace Cilium.Hubble.Observer;

public sealed partial class HubbleObserver
{
    /// <summary>ServerStatus of this node. The node counts stay unset: only a relay fills them, as in Cilium.</summary>
    public ServerStatusResponse Status() => new()
    {
        NumFlows = (ulong)Ring.Count,
        MaxFlows = (ulong)Ring.Capacity,
        SeenFlows = (ulong)SeenFlows,
        UptimeNs = (ulong)(Uptime.Ticks * 100),
        Version = Options.Version,
        FlowsRate = FlowsRate(),
    };

    public Node Node(string address) => new()
    {
        Name = NodeName,
        Version = Options.Version,
        Address = address,
        State = NodeState.NodeConnected,
        Tls = new TLS { Enabled = false },
        UptimeNs = (ulong)(Uptime.Ticks * 100),
        NumFlows = (ulong)Ring.Count,
        MaxFlows = (ulong)Ring.Capacity,
        SeenFlows = (ulong)SeenFlows,
    };

    /// <summary>Flows per second over the last minute, counted in the ring like Cilium does.</summary>
    public double FlowsRate()
    {
        var cutoff = _time.GetUtcNow().AddMinutes(-1);
        var count = 0;
        for (var seq = Ring.Head - 1; seq >= 0; seq--)
        {
            if (Ring.TryRead(seq, out var entry) != RingRead.Ok)
            {
                break;
            }
            if (entry!.Flow is not { } flow)
            {
                continue;
            }
            if (flow.Time.ToDateTimeOffset() < cutoff)
            {
                break;
            }
            count++;
        }
        return count / 60.0;
    }

    /// <summary>Namespaces of the endpoints in the flows the ring holds.</summary>
    public IReadOnlyList<Namespace> Namespaces()
    {
        var seen = new SortedSet<(string Cluster, string Ns)>();
        for (var seq = Ring.Oldest; ; seq++)
        {
            var read = Ring.TryRead(seq, out var entry);
            if (read == RingRead.NotYet)
            {
                break;
            }
            if (read == RingRead.Lost || entry!.Flow is not { } flow)
            {
                continue;
            }
            foreach (var ep in new[] { flow.Source, flow.Destination })
            {
                if (ep is { Namespace.Length: > 0 })
                {
                    seen.Add((ep.ClusterName, ep.Namespace));
                }
            }
        }
        return seen.Select(s => new Namespace { Cluster = s.Cluster, Namespace_ = s.Ns }).ToList();
    }
}
