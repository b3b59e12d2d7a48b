using System.Net.Http.Json;
using Cilium.Contracts.Json;

namespace Cilium.Agent.Tests;

/// <summary>HTTP over the agent's unix socket, as cilium-dbg and the CNI plugin talk to it.</summary>
internal static class AgentClient
{
    public static HttpClient Create(string socketPath) => Cilium.Contracts.Agent.UnixSocketHttp.Client(socketPath, TimeSpan.FromSeconds(60));

    public static async Task<T> GetAsync<T>(this HttpClient http, string path) =>
        (await http.GetFromJsonAsync<T>(path, CiliumJson.Options))!;
}
