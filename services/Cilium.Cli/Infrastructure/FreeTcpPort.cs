using System.Net;
using System.Net.Sockets;

namespace Cilium.Cli.Infrastructure;

public static class FreeTcpPort
{
    /// <summary>A TCP port of 127.0.0.1 that was free a moment ago (the lab's control plane never listens elsewhere).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
