using System.Net;
using Cilium.Contracts.Datapath;
using Cilium.Hubble.Ingest;

namespace Cilium.Benchmarks.Hubble;

/// <summary>A resolver with 256 pods in 198.18.0.0/24, answering from a dictionary like the agent's endpoint cache.</summary>
internal sealed class BenchResolver : IEndpointResolver
{
    private readonly Dictionary<IPAddress, EndpointInfo> _pods = Enumerable.Range(0, 256).ToDictionary(
        i => IPAddress.Parse($"198.18.0.{i}"),
        i => new EndpointInfo((ulong)i + 1, 1000u + (uint)(i % 16), "bench", $"pod-{i}", [$"k8s:app=app-{i % 16}", "k8s:io.kubernetes.pod.namespace=bench"]));

    public EndpointInfo? ResolveIp(IPAddress ip) => _pods.GetValueOrDefault(ip);

    public IReadOnlyList<string> ResolveIdentity(uint identity) => identity == 2 ? ["reserved:world"] : [];

    public static DatapathNotification[] Notifications(int count, DateTimeOffset start)
    {
        var ips = Enumerable.Range(0, 256).Select(i => IPAddress.Parse($"198.18.0.{i}")).ToArray();
        var world = IPAddress.Parse("203.0.113.9");
        return Enumerable.Range(0, count).Select(i => new DatapathNotification
        {
            Type = i % 10 == 9 ? NotificationType.Drop : NotificationType.Trace,
            DropReason = i % 10 == 9 ? DropReasons.PolicyDenied : (ushort)0,
            Timestamp = start.AddTicks(i * 10L),
            SourceIp = ips[i % 256],
            DestinationIp = i % 10 == 9 ? world : ips[(i * 7 + 3) % 256],
            Protocol = 6,
            SourcePort = (ushort)(30000 + (i % 20000)),
            DestinationPort = 80,
            TcpFlags = TcpFlags.Syn,
            SourceIdentity = 1000u + (uint)(i % 16),
            DestinationIdentity = i % 10 == 9 ? 2u : 1000u + (uint)((i * 7 + 3) % 16),
            Direction = PacketDirection.Egress,
            ObservationPoint = TracePoint.FromEndpoint,
            IsReply = false,
        }).ToArray();
    }
}
