using System.Net.Http.Json;
using System.Net.Sockets;
using Cilium.Contracts.Json;

namespace Cilium.Agent.Tests;

/// <summary>HTTP over the agent's unix socket, as cilium-dbg and the CNI plugin talk to it.</summary>
internal static class AgentClient
{
    public static HttpClient Create(string socketPath) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = new Uri("http://localhost"),
        Timeout = TimeSpan.FromSeconds(60),
    };

    public static async Task<T> GetAsync<T>(this HttpClient http, string path) =>
        (await http.GetFromJsonAsync<T>(path, CiliumJson.Options))!;
}
