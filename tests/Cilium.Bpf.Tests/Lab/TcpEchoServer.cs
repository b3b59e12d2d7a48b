using System.Net;
using System.Net.Sockets;

namespace Cilium.Bpf.Tests.Lab;

/// <summary>A dual-stack TCP echo server listening inside a pod's namespace on some ports.</summary>
internal sealed class TcpEchoServer : IDisposable
{
    private readonly List<Socket> _listeners = [];
    private readonly CancellationTokenSource _stop = new();

    public TcpEchoServer(Pod pod, params int[] ports)
    {
        foreach (var port in ports)
        {
            var listener = pod.Namespace.Run(() =>
            {
                var s = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
                s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                s.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                s.Listen(64);
                return s;
            });
            _listeners.Add(listener);
            _ = AcceptLoopAsync(listener);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var l in _listeners)
        {
            l.Dispose();
        }
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await listener.AcceptAsync(_stop.Token);
                _ = EchoAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }

    private async Task EchoAsync(Socket client)
    {
        using (client)
        {
            var buffer = new byte[4096];
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var n = await client.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                    if (n == 0)
                    {
                        return;
                    }
                    await client.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, _stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (SocketException)
            {
            }
        }
    }
}
