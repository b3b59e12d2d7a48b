using System.Text.Json;

namespace Cilium.Dbg.Tests;

/// <summary><c>cilium-dbg map ...</c>, <c>config</c>, <c>ip list</c> and <c>node list</c> against the fake agent.</summary>
public sealed class MapAndClusterCommandTests(FakeAgentFixture agent) : IClassFixture<FakeAgentFixture>
{
    private Task<DbgResult> RunAsync(params string[] args) => DbgProcess.RunAsync(agent.Server.SocketPath, args);

    [Fact]
    public async Task MapList_Default_PrintsCountsErrorsAndCacheFlag()
    {
        var result = await RunAsync("map", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Name", "Num entries", "Num errors", "Cache enabled"], DbgResult.Cells(result.Lines[0]));
        Assert.Equal(["cilium_call_policy", "0", "0", "false"], DbgResult.Cells(result.Lines[1]));
        Assert.Equal(["cilium_lxc", "2", "1", "true"], result.Row("cilium_lxc"));
        Assert.Equal(["cilium_ipcache_v2", "3", "0", "true"], result.Row("cilium_ipcache_v2"));
    }

    [Fact]
    public async Task MapList_Verbose_PrintsEveryMapsEntries()
    {
        var result = await RunAsync("map", "list", "--verbose");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Lines.ToList();
        var lxc = lines.IndexOf("## Map: cilium_lxc");
        Assert.True(lxc >= 0, result.ToString());
        Assert.Equal(["Key", "Value", "State", "Error"], DbgResult.Cells(lines[lxc + 1]));
        Assert.Equal("sync", DbgResult.Cells(lines[lxc + 3])[2]);
        Assert.Equal("update cilium_lxc: E2BIG", DbgResult.Cells(lines[lxc + 3])[3]);
        Assert.Equal("Cache is empty", lines[lines.IndexOf("## Map: cilium_call_policy") + 1]);
    }

    [Fact]
    public async Task MapGet_Known_PrintsKeyValueTable()
    {
        var result = await RunAsync("map", "get", "cilium_ipcache_v2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Key", "Value", "State", "Error"], DbgResult.Cells(result.Lines[0]));
        Assert.Equal(["198.18.1.0/24", "identity=6 encryptkey=0 tunnelendpoint=198.18.0.2 flags=hastunnel"], result.Row("198.18.1.0/24"));
    }

    [Fact]
    public async Task MapGet_ServerProblem_PrintsTitleAndDetail()
    {
        var result = await RunAsync("map", "get", "cilium_broken");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: Internal Server Error: map read failed", Assert.Single(result.ErrorLines));
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task MapGet_ValidationProblem_PrintsTitleAndFieldErrors()
    {
        var result = await RunAsync("map", "get", "cilium_invalid");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: One or more validation errors occurred.: name: map name is reserved", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task MapGet_Unknown_PrintsNotFoundProblem()
    {
        var result = await RunAsync("map", "get", "cilium_nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: Not Found: map cilium_nope not found", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Config_Default_PrintsSortedRealizedOptions()
    {
        var result = await RunAsync("config");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
        [
            "##### Read-write configurations #####",
            "ConntrackAccounting               : Enabled",
            "Debug                             : Disabled",
            "PolicyAuditMode                   : Disabled",
            "PolicyEnforcement                 : default",
        ], result.Lines);
    }

    [Fact]
    public async Task Config_All_AddsReadOnlyOptions()
    {
        var result = await RunAsync("config", "--all");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("##### Read-only configurations #####", result.Lines[^2]);
        Assert.Equal("k8s-namespace                     : kube-system", result.Lines[^1]);
    }

    [Fact]
    public async Task IpList_Default_ResolvesIdentityLabels()
    {
        var result = await RunAsync("ip", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["IP", "IDENTITY", "SOURCE"], DbgResult.Cells(result.Lines[0]));
        Assert.Equal(["0.0.0.0/0", "reserved:world", "generated"], DbgResult.Cells(result.Lines[1]));
        Assert.Equal(["198.18.1.10/32", "k8s:app=web", "custom-resource"], DbgResult.Cells(result.Lines[2]));
        Assert.Equal("k8s:io.kubernetes.pod.namespace=default", result.Lines[3].Trim());
    }

    [Fact]
    public async Task IpList_Numeric_PrintsIdentityNumbers()
    {
        var result = await RunAsync("ip", "list", "-n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["198.18.1.10/32", "12345", "custom-resource"], result.Row("198.18.1.10/32"));
    }

    [Fact]
    public async Task NodeList_Default_PrintsNodesWithAddressesAndCidrs()
    {
        var result = await RunAsync("node", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Name", "IPv4 Address", "Endpoint CIDR", "IPv6 Address", "Endpoint CIDR", "Source"], DbgResult.Cells(result.Lines[0]));
        Assert.Equal(["default/node-1", "198.18.0.1", "198.18.1.0/24", "local"], DbgResult.Cells(result.Lines[1]));
        Assert.Equal(["default/node-2", "198.18.0.2", "198.18.2.0/24", "kvstore"], DbgResult.Cells(result.Lines[2]));
        Assert.Contains("/v1/cluster/nodes", agent.Server.Requests);
    }

    [Fact]
    public async Task NodeList_OutputJson_UsesNodesAddedName()
    {
        var result = await RunAsync("node", "list", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(2, json.RootElement.GetProperty("nodes-added").GetArrayLength());
    }
}
