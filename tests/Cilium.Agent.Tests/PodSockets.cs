using System.Net;
using System.Net.Sockets;
using Cilium.Bpf;

namespace Cilium.Agent.Tests;

/// <summary>Real sockets inside pod namespaces: a socket belongs to the namespace it was created in.</summary>
internal static class PodSockets
{
    public static Socket Listen(Pod pod, int port) => NetworkNamespace.Named(pod.Netns).Run(() =>
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        s.Bind(new IPEndPoint(IPAddress.Any, port));
        s.Listen(16);
        return s;
    });

    /// <summary>Echoes every byte back on each accepted connection until the listener closes.</summary>
    public static async Task ServeEchoAsync(Socket listener, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var connection = await listener.AcceptAsync(cancellationToken);
                _ = Task.Run(async () =>
                {
                    using (connection)
                    {
                        var buffer = new byte[1024];
                        int n;
                        while ((n = await connection.ReceiveAsync(buffer, cancellationToken)) > 0)
                        {
                            await connection.SendAsync(buffer.AsMemory(0, n), cancellationToken);
                        }
                    }
                }, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>A TCP connection from <paramref name="from"/>, or null when it did not connect within the timeout (dropped).</summary>
    public static async Task<Socket?> TryConnectAsync(Pod from, string ip, int port, TimeSpan timeout)
    {
        var s = NetworkNamespace.Named(from.Netns).Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await s.ConnectAsync(new IPEndPoint(IPAddress.Parse(ip), port), cts.Token);
            return s;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            s.Dispose();
            return null;
        }
    }

    /// <summary>Sends a message and reads the echo; false when nothing came back in time.</summary>
    public static async Task<bool> EchoAsync(Socket connection, string message, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var bytes = System.Text.Encoding.ASCII.GetBytes(message);
        try
        {
            await connection.SendAsync(bytes, cts.Token);
            var buffer = new byte[bytes.Length];
            var read = 0;
            while (read < bytes.Length)
            {
                var n = await connection.ReceiveAsync(buffer.AsMemory(read), cts.Token);
                if (n == 0)
                {
                    return false;
                }
                read += n;
            }
            return buffer.AsSpan().SequenceEqual(bytes);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            return false;
        }
    }
}
