using System.Net.Http.Json;
using Cilium.Contracts.Json;
using Cilium.Testing;
using IdentityModel = Cilium.Contracts.Identities.Identity;

namespace Cilium.Identity.Tests;

/// <summary>
/// Replicas of the real <c>cilium-identity</c> executable, each its own process on its own 127.0.0.1 port,
/// all writing one bucket of one nats-server.
/// </summary>
public sealed class IdentityReplicas : IAsyncDisposable
{
    private readonly List<(ServiceProcess Process, HttpClient Client, string Url)> _replicas = [];

    private IdentityReplicas(string bucket) => Bucket = bucket;

    public string Bucket { get; }
    public IReadOnlyList<HttpClient> Clients => _replicas.Select(r => r.Client).ToArray();
    public HttpClient this[int index] => _replicas[index].Client;

    public static async Task<IdentityReplicas> StartAsync(NatsServerFixture nats, int count, params string[] extraArgs)
    {
        var replicas = new IdentityReplicas($"ids-{RunId.New()}");
        for (var i = 0; i < count; i++)
        {
            var url = $"http://127.0.0.1:{FreePort.Next()}";
            var process = new ServiceProcess("services/Cilium.Identity", "cilium-identity",
                ["--urls", url, $"--Nats:Url={nats.Url}", $"--Identity:Bucket={replicas.Bucket}", .. extraArgs]);
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

    public static async Task<IdentityModel> ReadIdentityAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<IdentityModel>(CiliumJson.Options))!;
}
