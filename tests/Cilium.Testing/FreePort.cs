using System.Net;
using System.Net.Sockets;

namespace Cilium.Testing;

/// <summary>
/// Free TCP ports on 127.0.0.1 for the processes a test starts. They come from below the kernel's ephemeral range
/// (32768-60999): a port the kernel handed out for "port 0" was free a moment ago, but the kernel may give it to the next
/// outgoing connection of any test running beside, and the process meant to listen on it then fails to bind. Ports
/// below that range are never picked for outgoing connections.
/// </summary>
public static class FreePort
{
    private const int First = 20000;
    private const int Count = 12000;

    // Process-wide on purpose: every test of the run draws from one sequence, so no two get the same port; the random
    // start keeps test projects running side by side apart, and the bind check skips anything already listening.
    private static int _offset = Random.Shared.Next(Count);

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on and that this run has not handed out before.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _offset) % Count);
            if (CanBind(port))
            {
                return port;
            }
        }
        throw new InvalidOperationException($"no free TCP port on 127.0.0.1 in {First}-{First + Count - 1}");
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
