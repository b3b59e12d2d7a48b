using System.Net;
using System.Net.Sockets;

namespace Cilium.Bpf.Tests.Lab;

/// <summary>Real traffic between pods: sockets are created inside the pods' namespaces and used from here.</summary>
internal static class Probe
{
    /// <summary>How long a probe waits before it calls a packet lost. Generous: veth latency is microseconds.</summary>
    public const int WaitMs = 1000;

    /// <summary>Connects from <paramref name="from"/> to <paramref name="to"/>:<paramref name="port"/> and echoes one byte; true when both worked.</summary>
    public static async Task<bool> TcpAsync(Pod from, Pod to, int port, bool v6 = false)
    {
        var family = v6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        using var socket = from.Namespace.Run(() => new Socket(family, SocketType.Stream, ProtocolType.Tcp));
        using var cts = new CancellationTokenSource(WaitMs);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(to.Address(v6), port), cts.Token);
            await socket.SendAsync(new byte[] { 42 }, SocketFlags.None, cts.Token);
            var buffer = new byte[1];
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            return n == 1 && buffer[0] == 42;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>An open TCP connection from one pod to another (for tests that keep it across a policy change).</summary>
    public static async Task<Socket> ConnectAsync(Pod from, Pod to, int port, bool v6 = false)
    {
        var family = v6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        var socket = from.Namespace.Run(() => new Socket(family, SocketType.Stream, ProtocolType.Tcp));
        using var cts = new CancellationTokenSource(WaitMs);
        await socket.ConnectAsync(new IPEndPoint(to.Address(v6), port), cts.Token);
        return socket;
    }

    /// <summary>Sends one byte on an open connection and waits for the echo.</summary>
    public static async Task<bool> EchoAsync(Socket socket)
    {
        using var cts = new CancellationTokenSource(WaitMs);
        try
        {
            await socket.SendAsync(new byte[] { 7 }, SocketFlags.None, cts.Token);
            var buffer = new byte[1];
            return await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token) == 1;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// One UDP datagram of <paramref name="size"/> bytes from a pod to a port of another pod, which answers with a
    /// datagram of the same size. Returns whether the datagram arrived and whether the answer came back.
    /// </summary>
    public static async Task<(bool Delivered, bool Answered)> UdpAsync(Pod from, Pod to, int port, bool v6 = false, int size = 16)
    {
        var family = v6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        using var server = to.Namespace.Run(() =>
        {
            var s = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
            s.Bind(new IPEndPoint(v6 ? IPAddress.IPv6Any : IPAddress.Any, port));
            return s;
        });
        using var client = from.Namespace.Run(() => new Socket(family, SocketType.Dgram, ProtocolType.Udp));
        var payload = new byte[size];
        Random.Shared.NextBytes(payload);
        await client.SendToAsync(payload, new IPEndPoint(to.Address(v6), port));

        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(v6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        using (var cts = new CancellationTokenSource(WaitMs))
        {
            try
            {
                var got = await server.ReceiveFromAsync(buffer, SocketFlags.None, any, cts.Token);
                if (got.ReceivedBytes != size || !buffer.AsSpan(0, size).SequenceEqual(payload))
                {
                    return (false, false);
                }
                await server.SendToAsync(buffer.AsMemory(0, size), got.RemoteEndPoint);
            }
            catch (OperationCanceledException)
            {
                return (false, false);
            }
        }
        using (var cts = new CancellationTokenSource(WaitMs))
        {
            try
            {
                var back = await client.ReceiveFromAsync(buffer, SocketFlags.None, any, cts.Token);
                return (true, back.ReceivedBytes == size);
            }
            catch (OperationCanceledException)
            {
                return (true, false);
            }
        }
    }

    /// <summary>One ICMP / ICMPv6 echo with ping from the pod's namespace.</summary>
    public static bool Ping(Pod from, Pod to, bool v6 = false)
    {
        var (code, _) = Shell.Run("ip", "netns", "exec", from.Netns, "ping", v6 ? "-6" : "-4", "-c1", "-W1", "-n", to.Address(v6).ToString());
        return code == 0;
    }
}
