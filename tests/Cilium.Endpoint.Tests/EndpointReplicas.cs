using System.Net.Http.Json;
using Cilium.Contracts.Endpoints;
using Cilium.Contracts.Json;
using Cilium.Contracts.Nodes;
using Cilium.Testing;

namespace Cilium.Endpoint.Tests;

/// <summary>
/// Replicas of the real <c>cilium-endpoint</c> executable, each its own process on its own 127.0.0.1 port, all
/// writing one bucket of one nats-server.
/// </summary>
public sealed class EndpointReplicas : IAsyncDisposable
{
    private readonly List<(ServiceProcess Process, HttpClient Client, string Url)> _replicas = [];

    private EndpointReplicas(string bucket) => Bucket = bucket;

    public string Bucket { get; }
    public int Count => _replicas.Count;
    public HttpClient this[int index] => _replicas[index].Client;

    public static async Task<EndpointReplicas> StartAsync(NatsServerFixture nats, int count, params string[] extraArgs)
    {
        var replicas = new EndpointReplicas($"eps-{RunId.New()}");
        for (var i = 0; i < count; i++)
        {
            var url = $"http://127.0.0.1:{FreePort.Next()}";
            var process = new ServiceProcess("services/Cilium.Endpoint", "cilium-endpoint",
                ["--urls", url, $"--Nats:Url={nats.Url}", $"--Endpoint:Bucket={replicas.Bucket}", .. extraArgs]);
            replicas._replicas.Add((process, new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) }, url));
        }
        await replicas.StartAllAsync();
        return replicas;
    }

    public async Task StartAllAsync()
    {
        foreach (var r in _replicas)
        {
            r.Process.Start();
        }
        foreach (var r in _replicas)
        {
            await r.Process.WaitReadyAsync(r.Url + "/readyz");
        }
    }

    public async Task KillAllAsync()
    {
        foreach (var r in _replicas)
        {
            await r.Process.KillAsync();
        }
    }

    public string Logs => string.Join("\n", _replicas.Select(r => $"--- {r.Process.Name} {r.Url}\n{r.Process.Log}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var r in _replicas)
        {
            await r.Process.DisposeAsync();
            r.Client.Dispose();
        }
    }

    public static async Task<CiliumEndpoint> ReadEndpointAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<CiliumEndpoint>(CiliumJson.Options))!;

    public static async Task<CiliumNode> ReadNodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<CiliumNode>(CiliumJson.Options))!;
}
