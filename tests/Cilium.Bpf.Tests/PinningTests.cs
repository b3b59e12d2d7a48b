using System.Net;
using System.Net.Sockets;
using Cilium.Bpf.Maps;
using Cilium.Bpf.Tests.Lab;
using Xunit;

namespace Cilium.Bpf.Tests;

/// <summary>What survives the loader: pinned maps and attached programs, and a new loader taking over.</summary>
public sealed class PinningTests
{
    private const byte Tcp = (byte)ProtocolType.Tcp;
    private const byte Udp = (byte)ProtocolType.Udp;

    [Fact]
    public async Task Pins_LoaderClosesEveryDescriptor_ProgramsKeepForwardingAndANewLoaderTakesOver()
    {
        using var lab = NodeLab.Create(2);
        using var server = new TcpEchoServer(lab[2], 8080);
        lab[1].Endpoint.Policy.Allow(lab[2].Identity, TrafficDirection.Egress, Tcp, 8080);
        lab[2].Endpoint.Policy.Allow(lab[1].Identity, TrafficDirection.Ingress, Tcp, 8080);
        var ipcacheId = lab.Datapath.IpCache.Map.Id;
        var programId = lab[1].Endpoint.FromContainer.Id;

        // The process "exits": every descriptor closes, only pins and tc attachments remain.
        foreach (var pod in lab.Pods)
        {
            pod.Endpoint.Dispose();
        }
        lab.Datapath.Dispose();

        Assert.True(await Probe.TcpAsync(lab[1], lab[2], 8080));
        Assert.False(await Probe.TcpAsync(lab[1], lab[2], 8081));

        lab.Datapath = Datapath.Open(lab.Options);
        Assert.Equal(ipcacheId, lab.Datapath.IpCache.Map.Id);
        Assert.Equal([lab[1].EndpointId, lab[2].EndpointId], lab.Datapath.PinnedEndpoints());
        foreach (var pod in lab.Pods)
        {
            pod.Endpoint = lab.Datapath.OpenEndpoint(pod.EndpointId);
        }
        Assert.Equal(programId, lab[1].Endpoint.FromContainer.Id);
        Assert.Equal(programId, Tc.Query(lab[1].HostIfindex, TcHook.Ingress, lab.Node));

        // The reopened maps are the live ones: a policy change through them reaches the attached programs.
        lab[1].Endpoint.Policy.Remove(PolicyMap.Key(lab[2].Identity, TrafficDirection.Egress, Tcp, 8080));
        Assert.Equal(lab[1].HostIfindex, lab[1].Endpoint.Ifindex);
        Assert.Equal(lab[1].Identity, lab[1].Endpoint.Identity);
        lab[1].Endpoint.BumpPolicyRevision();
        Assert.False(await Probe.TcpAsync(lab[1], lab[2], 8080));
    }

    [Fact]
    public async Task Reattach_NewLoaderReplacesRunningPrograms_NoRequestIsLost()
    {
        using var lab = NodeLab.Create(2);
        lab[1].Endpoint.Policy.Allow(lab[2].Identity, TrafficDirection.Egress, Udp, 7000);
        lab[2].Endpoint.Policy.Allow(lab[1].Identity, TrafficDirection.Ingress, Udp, 7000);
        var oldFrom = lab[1].Endpoint.FromContainer.Id;
        var oldTo = lab[2].Endpoint.ToContainer.Id;

        using var server = lab[2].Namespace.Run(() =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            s.Bind(new IPEndPoint(IPAddress.Any, 7000));
            return s;
        });
        using var client = lab[1].Namespace.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        using var stop = new CancellationTokenSource();
        var echo = EchoServerAsync(server, stop.Token);
        var reattached = new TaskCompletionSource();
        var exchanges = RequestReplyLoopAsync(client, new IPEndPoint(lab[2].V4, 7000), reattached.Task);
        var dropsBefore = TotalDrops(lab.Datapath);

        // While requests flow: the old loader goes away, a new one (as after an upgrade: the pinned programs are not
        // this bpf_lxc.o's) loads fresh programs over the pins and swaps them in.
        await Task.Delay(50);
        lab.Datapath.Config.ProgramHash = 0;
        foreach (var pod in lab.Pods)
        {
            pod.Endpoint.Dispose();
        }
        lab.Datapath.Dispose();
        lab.Datapath = Datapath.Open(lab.Options);
        Assert.True(lab.Datapath.ProgramsLoaded);
        foreach (var pod in lab.Pods)
        {
            pod.Endpoint = lab.Datapath.AddEndpoint(pod.EndpointId, pod.Identity);
            pod.Endpoint.Attach(pod.HostIfindex, lab.Node);
        }
        reattached.SetResult();

        var (sent, answered) = await exchanges;
        await stop.CancelAsync();
        await echo;

        Assert.NotEqual(oldFrom, lab[1].Endpoint.FromContainer.Id);
        Assert.Equal(lab[1].Endpoint.FromContainer.Id, Tc.Query(lab[1].HostIfindex, TcHook.Ingress, lab.Node));
        Assert.Equal(lab[2].Endpoint.ToContainer.Id, Tc.Query(lab[2].HostIfindex, TcHook.Egress, lab.Node));
        Assert.NotEqual(oldTo, lab[2].Endpoint.ToContainer.Id);
        Assert.True(sent >= 100, $"only {sent} requests were sent");
        Assert.Equal(sent, answered);
        Assert.Equal(dropsBefore, TotalDrops(lab.Datapath));
    }

    private static ulong TotalDrops(Datapath datapath) =>
        datapath.Metrics.Read().Where(c => c.Reason != DropReason.Forwarded).Aggregate(0ul, (sum, c) => sum + c.Packets);

    /// <summary>Request/reply until the reattach is done and 100 more have passed; stops at the first lost reply.</summary>
    private static async Task<(int Sent, int Answered)> RequestReplyLoopAsync(Socket client, IPEndPoint server, Task reattached)
    {
        var buffer = new byte[64];
        int sent = 0, answered = 0, after = 0;
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (sent < 100_000 && after < 100)
        {
            BitConverter.TryWriteBytes(buffer, sent);
            await client.SendToAsync(buffer.AsMemory(0, 4), server);
            sent++;
            using var cts = new CancellationTokenSource(Probe.WaitMs);
            try
            {
                var r = await client.ReceiveFromAsync(buffer, SocketFlags.None, any, cts.Token);
                if (r.ReceivedBytes == 4 && BitConverter.ToInt32(buffer) == sent - 1)
                {
                    answered++;
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
            if (reattached.IsCompleted)
            {
                after++;
            }
        }
        return (sent, answered);
    }

    private static async Task EchoServerAsync(Socket server, CancellationToken token)
    {
        var buffer = new byte[64];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        try
        {
            while (!token.IsCancellationRequested)
            {
                var r = await server.ReceiveFromAsync(buffer, SocketFlags.None, any, token);
                await server.SendToAsync(buffer.AsMemory(0, r.ReceivedBytes), r.RemoteEndPoint, token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
