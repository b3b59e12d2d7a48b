using System.Text.Json;

namespace Cilium.Dbg.Tests;

/// <summary><c>cilium-dbg status</c> against the fake agent's GET /v1/healthz.</summary>
public sealed class StatusCommandTests(FakeAgentFixture agent) : IClassFixture<FakeAgentFixture>
{
    private Task<DbgResult> RunAsync(params string[] args) => DbgProcess.RunAsync(agent.Server.SocketPath, args);

    [Fact]
    public async Task Status_Default_PrintsAlignedCiliumLines()
    {
        var result = await RunAsync("status");

        Assert.True(result.ExitCode == 0, result.ToString());
        // Labels padded to the widest ("Global Identity Range:") plus three spaces, as Cilium's tabwriter does.
        Assert.Equal(
        [
            "KVStore:                 Ok   NATS nats://127.0.0.1:4222 connected",
            "Kubernetes:              Disabled",
            "Cilium:                  Ok   1.19.4-csharp (fake agent)",
            "NodeMonitor:             Listening for events on 4 CPUs with 64x4096 of shared memory",
            "Cilium health daemon:    Ok",
            "IPAM:                    IPv4: 2/254 allocated from 198.18.1.0/24",
            "Routing:                 Network: Tunnel [vxlan]   Host: BPF",
            "Attach Mode:             tcx",
            "Device Mode:             veth",
            "Controller Status:       1/2 healthy",
            "Global Identity Range:   min 256, max 65535",
            "Hubble:                  Ok   Current/Max Flows: 100/4096 (2.44%), Flows/s: 10.00",
        ], result.Lines);
    }

    [Fact]
    public async Task Status_Brief_PrintsOk()
    {
        var result = await RunAsync("status", "--brief");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("OK", Assert.Single(result.Lines));
    }

    [Fact]
    public async Task Status_Verbose_AddsAllocationsControllersAndMaps()
    {
        var result = await RunAsync("status", "--verbose");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Lines;
        var allocated = lines.ToList().IndexOf("Allocated addresses:");
        Assert.True(allocated >= 0, result.ToString());
        Assert.Equal("  198.18.1.1 (router)", lines[allocated + 1]);
        Assert.Equal("  198.18.1.10 (default/web-1)", lines[allocated + 2]);
        var failing = lines.Select(DbgResult.Cells).Single(c => c[0] == "sync-identities");
        Assert.Equal(["sync-identities", "never", "never", "2", "identity service unreachable"], failing);
        Assert.Contains("BPF Maps:   dynamic sizing: on (ratio: 0.002500)", lines);
        Assert.Contains(lines, l => DbgResult.Cells(l) is ["cilium_ipcache_v2", "512000"]);
        Assert.Contains("  default/node-1 (localhost): 198.18.0.1", lines);
    }

    [Fact]
    public async Task Status_OutputJson_PrintsIndentedModelJson()
    {
        var result = await RunAsync("status", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\n  \"kvstore\": {", result.Stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("Ok", json.RootElement.GetProperty("kvstore").GetProperty("state").GetString());
        Assert.Equal(65535, json.RootElement.GetProperty("identity-range").GetProperty("max-identity").GetInt64());
        Assert.Equal("default/node-1", json.RootElement.GetProperty("cluster").GetProperty("self").GetString());
    }

    [Fact]
    public async Task Version_PrintsClientAndDaemon()
    {
        var result = await RunAsync("version");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, result.Lines.Count);
        Assert.StartsWith("Client: ", result.Lines[0], StringComparison.Ordinal);
        Assert.Equal("Daemon: 1.19.4-csharp (fake agent)", result.Lines[1]);
        Assert.Contains("/v1/healthz", agent.Server.Requests);
    }
}
