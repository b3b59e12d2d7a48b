using System.Net;
using System.Net.Sockets;
using Cilium.Bpf;
using Cilium.Cni.Tests.Support;
using Xunit;

namespace Cilium.Cni.Tests;

/// <summary>Real packets between two pods the plugin attached to one node, with the agent's eBPF programs on their veths.</summary>
[Collection(CniNodeCollection.Name)]
public sealed class TrafficTests(CniNode node)
{
    [Fact]
    public async Task Add_TwoPodsOnOneNode_PingAndTcpBetweenThem()
    {
        var (pod1, netns1) = await node.CreatePodAsync();
        var (pod2, netns2) = await node.CreatePodAsync();
        var cid1 = node.NewContainerId();
        var cid2 = node.NewContainerId();
        var add1 = await node.Plugin.AddAsync(cid1, netns1, "K8S_POD_NAMESPACE=cct;K8S_POD_NAME=client;CILIUM_LABELS=app=client");
        var add2 = await node.Plugin.AddAsync(cid2, netns2, "K8S_POD_NAMESPACE=cct;K8S_POD_NAME=echo;CILIUM_LABELS=app=echo");
        Assert.True(add1.ExitCode == 0, add1.ToString());
        Assert.True(add2.ExitCode == 0, add2.ToString());

        var ping = await Shell.RunAsync("ip", ["netns", "exec", pod1, "ping", "-c", "3", "-i", "0.2", "-W", "2", add2.Ipv4]);
        var tcp = await TcpEchoAsync(pod1, pod2, IPAddress.Parse(add2.Ipv4), 8080);
        await node.Plugin.DelAsync(cid1, netns1);
        await node.Plugin.DelAsync(cid2, netns2);

        Assert.True(ping.ExitCode == 0, $"ping {pod1} -> {add2.Ipv4} failed:\n{ping.Output}{ping.Error}\nagent:\n{node.AgentLog}");
        Assert.True(tcp, $"TCP {pod1} -> {add2.Ipv4}:8080 failed");
    }

    /// <summary>A listener inside one pod, a client inside the other; one byte goes there and back.</summary>
    private static async Task<bool> TcpEchoAsync(string clientPod, string serverPod, IPAddress server, int port)
    {
        using var listener = NetworkNamespace.Named(serverPod).Run(() =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            s.Bind(new IPEndPoint(IPAddress.Any, port));
            s.Listen(4);
            return s;
        });
        using var client = NetworkNamespace.Named(clientPod).Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            var accept = listener.AcceptAsync(timeout.Token).AsTask();
            await client.ConnectAsync(new IPEndPoint(server, port), timeout.Token);
            using var accepted = await accept;
            await client.SendAsync(new byte[] { 42 }, SocketFlags.None, timeout.Token);
            var buffer = new byte[1];
            if (await accepted.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) != 1)
            {
                return false;
            }
            await accepted.SendAsync(buffer, SocketFlags.None, timeout.Token);
            return await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) == 1 && buffer[0] == 42;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
