using System.Text.Json;

namespace Cilium.Dbg.Tests;

/// <summary><c>cilium-dbg bpf ...</c>: the datapath maps as the fake agent serves them from GET /v1/map/{name}.</summary>
public sealed class BpfCommandTests(FakeAgentFixture agent) : IClassFixture<FakeAgentFixture>
{
    private Task<DbgResult> RunAsync(params string[] args) => DbgProcess.RunAsync(agent.Server.SocketPath, args);

    [Fact]
    public async Task IpcacheList_Default_PrintsPrefixAndIdentityColumns()
    {
        var result = await RunAsync("bpf", "ipcache", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["IP PREFIX/ADDRESS", "IDENTITY"], DbgResult.Cells(result.Lines[0]));
        Assert.Equal(["0.0.0.0/0", "identity=2 encryptkey=0 tunnelendpoint=0.0.0.0 flags=<none>"], DbgResult.Cells(result.Lines[1]));
        Assert.Equal(["198.18.1.10/32", "identity=12345 encryptkey=0 tunnelendpoint=0.0.0.0 flags=<none>"], result.Row("198.18.1.10/32"));
        Assert.Equal(4, result.Lines.Count);
        Assert.Contains("/v1/map/cilium_ipcache_v2", agent.Server.Requests);
    }

    [Theory]
    [InlineData("198.18.1.10", "identity=12345")]
    [InlineData("198.18.1.77", "identity=6")]
    [InlineData("203.0.113.9", "identity=2")]
    public async Task IpcacheGet_Address_UsesLongestPrefixMatch(string ip, string identity)
    {
        var result = await RunAsync("bpf", "ipcache", "get", ip);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith($"{ip} maps to identity {identity} ", Assert.Single(result.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IpcacheGet_NoMatchingPrefix_SaysSoAndFails()
    {
        var result = await RunAsync("bpf", "ipcache", "get", "fd00::99");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("fd00::99 does not map to any identity", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task IpcacheGet_NotAnAddress_FailsInOneLine()
    {
        var result = await RunAsync("bpf", "ipcache", "get", "web-1");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: invalid IP address \"web-1\"", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task PolicyGet_Endpoint_PrintsLabelsTableFromPolicyMap()
    {
        var result = await RunAsync("bpf", "policy", "get", "42");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["POLICY", "DIRECTION", "LABELS (source:key[=value])", "PORT/PROTO", "PROXY PORT", "AUTH TYPE", "BYTES", "PACKETS", "PREFIX"],
            DbgResult.Cells(result.Lines[0]));
        // Ingress before egress, then by identity.
        Assert.Equal(["Allow", "Ingress", "reserved:host", "ANY", "NONE", "disabled", "0", "0"], DbgResult.Cells(result.Lines[1]));
        Assert.Equal(["Allow", "Ingress", "k8s:app=web", "80/TCP", "NONE", "disabled", "1200", "10"], DbgResult.Cells(result.Lines[2]));
        Assert.Equal("k8s:io.kubernetes.pod.namespace=default", result.Lines[3].Trim());
        Assert.Equal(["Deny", "Egress", "reserved:world", "53/UDP", "NONE", "disabled", "64", "1", "24"], DbgResult.Cells(result.Lines[4]));
        Assert.Contains("/v1/map/cilium_policy_v2_00042", agent.Server.Requests);
        Assert.Contains("/v1/identity/12345", agent.Server.Requests);
    }

    [Fact]
    public async Task PolicyGet_Numeric_PrintsIdentityColumn()
    {
        var result = await RunAsync("bpf", "policy", "get", "cilium-local:42", "-n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("IDENTITY", DbgResult.Cells(result.Lines[0])[2]);
        Assert.Equal(["Allow", "Ingress", "12345", "80/TCP", "NONE", "disabled", "1200", "10"], DbgResult.Cells(result.Lines[2]));
    }

    [Fact]
    public async Task PolicyGet_CepName_ResolvesEndpointIdFirst()
    {
        var result = await RunAsync("bpf", "policy", "get", "cep-name:default/web-1", "-n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(4, result.Lines.Count);
        Assert.Contains("/v1/endpoint/cep-name%3Adefault%2Fweb-1", agent.Server.Requests);
    }

    [Fact]
    public async Task PolicyGet_All_PrintsEveryEndpointMapAndEmptyNotice()
    {
        var result = await RunAsync("bpf", "policy", "get", "--all", "-n");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Lines.ToList();
        var seven = lines.IndexOf("/sys/fs/bpf/tc/globals/cilium_policy_v2_00007:");
        var fortyTwo = lines.IndexOf("/sys/fs/bpf/tc/globals/cilium_policy_v2_00042:");
        Assert.True(seven >= 0 && fortyTwo > seven, result.ToString());
        Assert.Equal("Policy stats empty. Perhaps the policy enforcement is disabled?", lines[seven + 1]);
        Assert.Equal("POLICY", DbgResult.Cells(lines[fortyTwo + 1])[0]);
    }

    [Fact]
    public async Task CtListGlobal_Default_PrintsTcpAndAnyEntries()
    {
        var result = await RunAsync("bpf", "ct", "list", "global");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
        [
            "TCP OUT 198.18.1.10:43210 -> 198.18.1.11:80 expires=17000 Packets=3 Bytes=180 Flags=0x0000 RevNAT=0 SourceSecurityID=12345",
            "UDP OUT 198.18.1.10:5353 -> 198.18.0.1:53 expires=17030 Packets=1 Bytes=60 Flags=0x0000 RevNAT=0 SourceSecurityID=12345",
        ], result.Lines);
        Assert.Contains("/v1/map/cilium_ct4_global", agent.Server.Requests);
        Assert.Contains("/v1/map/cilium_ct_any4_global", agent.Server.Requests);
    }

    [Fact]
    public async Task EndpointList_Default_PrintsLxcEntries()
    {
        var result = await RunAsync("bpf", "endpoint", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["IP ADDRESS", "LOCAL ENDPOINT INFO"], DbgResult.Cells(result.Lines[0]));
        Assert.Equal(["198.18.1.10:0", "id=42 sec_id=12345 flags=0x0000 ifindex=12 mac=02:00:00:00:00:2a nodemac=02:00:00:00:00:01"], result.Row("198.18.1.10:0"));
        Assert.Contains("/v1/map/cilium_lxc", agent.Server.Requests);
    }

    [Fact]
    public async Task MetricsList_Default_PrintsReasonTextAndCounters()
    {
        var result = await RunAsync("bpf", "metrics", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["REASON", "DIRECTION", "PACKETS", "BYTES", "LINE", "FILE"], DbgResult.Cells(result.Lines[0]));
        Assert.Equal(["Success", "EGRESS", "100", "9000"], DbgResult.Cells(result.Lines[1]));
        Assert.Equal(["Policy denied", "INGRESS", "5", "300"], DbgResult.Cells(result.Lines[2]));
    }

    [Fact]
    public async Task MetricsList_OutputJson_PrintsMapModel()
    {
        var result = await RunAsync("bpf", "metrics", "list", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("/sys/fs/bpf/tc/globals/cilium_metrics", json.RootElement.GetProperty("path").GetString());
        Assert.Equal("reason=133 direction=INGRESS", json.RootElement.GetProperty("cache")[0].GetProperty("key").GetString());
    }
}
