using System.Net.Sockets;

namespace Cilium.Contracts.Agent;

/// <summary>
/// HTTP over a unix socket, where the agent serves its REST API and Hubble its local gRPC: every connection of the
/// handler goes to the one socket, and the request's host name only fills the <c>Host</c> header (Cilium's clients
/// use <c>localhost</c> too).
/// </summary>
public static class UnixSocketHttp
{
    public static SocketsHttpHandler Handler(string socketPath) => new()
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>A client for the agent's REST API on <paramref name="socketPath"/>.</summary>
    public static HttpClient Client(string socketPath, TimeSpan timeout) =>
        new(Handler(socketPath)) { BaseAddress = new Uri("http://localhost"), Timeout = timeout };
}
