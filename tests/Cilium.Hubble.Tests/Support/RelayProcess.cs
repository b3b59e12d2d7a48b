using Cilium.Testing;

namespace Cilium.Hubble.Tests.Support;

/// <summary>The real <c>hubble-relay</c> executable on free ports of 127.0.0.1: gRPC and HTTP (REST, SSE, UI, metrics).</summary>
public sealed class RelayProcess : IAsyncDisposable
{
    private readonly ServiceProcess _process;

    private RelayProcess(ServiceProcess process, int grpcPort, int httpPort)
    {
        _process = process;
        GrpcPort = grpcPort;
        HttpPort = httpPort;
    }

    public int GrpcPort { get; }
    public int HttpPort { get; }
    public string GrpcAddress => $"127.0.0.1:{GrpcPort}";
    public Uri HttpBase => new($"http://127.0.0.1:{HttpPort}");
    public string Log => _process.Log;

    public static async Task<RelayProcess> StartAsync(IEnumerable<string> args)
    {
        var grpc = FreePort.Next();
        var http = FreePort.Next();
        var all = new List<string>
        {
            "--listen-address", $"127.0.0.1:{grpc}",
            "--urls", $"http://127.0.0.1:{http}",
            // The relay needs no NATS: with a URL nobody listens on it must still get ready (a developer's NATS is never touched).
            $"--Nats:Url=nats://127.0.0.1:{FreePort.Next()}",
            "--Relay:SortBufferDrainTimeout=00:00:00.100",
            "--Relay:RetryDelay=00:00:00.200",
        };
        all.AddRange(args);
        var process = new ServiceProcess("services/Cilium.Hubble.Relay", "hubble-relay", all);
        process.Start();
        try
        {
            await process.WaitReadyAsync($"http://127.0.0.1:{http}/readyz");
        }
        catch
        {
            // Nobody gets a handle on a relay that never became ready: stop it here, or it outlives the test run.
            await process.DisposeAsync();
            throw;
        }
        return new RelayProcess(process, grpc, http);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
