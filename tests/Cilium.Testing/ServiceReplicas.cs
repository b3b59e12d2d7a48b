namespace Cilium.Testing;

/// <summary>
/// Replicas of one real control-plane executable, each its own process on its own 127.0.0.1 port, all writing one
/// bucket of one nats-server. Each service's tests derive their harness from it and add their own HTTP helpers.
/// </summary>
public abstract class ServiceReplicas : IAsyncDisposable
{
    private readonly List<(ServiceProcess Process, HttpClient Client, string Url)> _replicas = [];

    protected ServiceReplicas(string bucket) => Bucket = bucket;

    public string Bucket { get; }
    public int Count => _replicas.Count;
    public IReadOnlyList<HttpClient> Clients => _replicas.Select(r => r.Client).ToArray();
    public HttpClient this[int index] => _replicas[index].Client;
    public string Logs => string.Join("\n", _replicas.Select(r => $"--- {r.Process.Name} {r.Url}\n{r.Process.Log}"));

    /// <summary>
    /// Adds <paramref name="count"/> replicas of <paramref name="executable"/> (built from <paramref name="project"/>),
    /// each with <c>--{section}:Bucket</c> set to <see cref="Bucket"/>, and starts them all.
    /// </summary>
    protected async Task StartReplicasAsync(string project, string executable, string section, NatsServerFixture nats, int count, IEnumerable<string> extraArgs)
    {
        for (var i = 0; i < count; i++)
        {
            var url = $"http://127.0.0.1:{FreePort.Next()}";
            var process = new ServiceProcess(project, executable,
                ["--urls", url, $"--Nats:Url={nats.Url}", $"--{section}:Bucket={Bucket}", .. extraArgs]);
            _replicas.Add((process, new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) }, url));
        }
        await StartAllAsync();
    }

    public async Task StartAllAsync()
    {
        // All processes start at once; readiness is awaited afterwards, so replicas race each other at start-up as
        // they would in a deployment.
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

    public async ValueTask DisposeAsync()
    {
        foreach (var r in _replicas)
        {
            await r.Process.DisposeAsync();
            r.Client.Dispose();
        }
        GC.SuppressFinalize(this);
    }
}
