using System.Text.Json;

namespace Cilium.Dbg.Tests;

/// <summary><c>cilium-dbg endpoint list|get|health|log</c> against the fake agent.</summary>
public sealed class EndpointCommandTests(FakeAgentFixture agent) : IClassFixture<FakeAgentFixture>
{
    private Task<DbgResult> RunAsync(params string[] args) => DbgProcess.RunAsync(agent.Server.SocketPath, args);

    [Fact]
    public async Task EndpointList_Default_PrintsCiliumColumnsOneLabelPerLine()
    {
        var result = await RunAsync("endpoint", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Lines;
        Assert.Equal(["ENDPOINT", "POLICY (ingress)", "POLICY (egress)", "IDENTITY", "LABELS (source:key[=value])", "IPv6", "IPv4", "STATUS"], DbgResult.Cells(lines[0]));
        Assert.Equal(["ENFORCEMENT", "ENFORCEMENT"], DbgResult.Cells(lines[1]));
        // Sorted by id: 7 before 42.
        Assert.Equal(["7", "Disabled (Audit)", "Disabled (Audit)", "5", "reserved:init", "198.18.1.11", "waiting-for-identity"], DbgResult.Cells(lines[2]));
        Assert.Equal(["42", "Enabled", "Disabled", "12345", "k8s:app=web", "fd00::10", "198.18.1.10", "ready"], DbgResult.Cells(lines[3]));
        Assert.Equal("k8s:io.kubernetes.pod.namespace=default", lines[4].Trim());
        Assert.StartsWith(new string(' ', 20), lines[4], StringComparison.Ordinal);
        Assert.Equal(5, lines.Count);
        Assert.Contains("/v1/endpoint", agent.Server.Requests);
    }

    [Fact]
    public async Task EndpointList_OutputJson_PrintsAgentArrayWithKebabNames()
    {
        var result = await RunAsync("endpoint", "list", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(2, json.RootElement.GetArrayLength());
        var first = json.RootElement[0];
        Assert.Equal(42, first.GetProperty("id").GetInt64());
        Assert.Equal("c0ffee", first.GetProperty("status").GetProperty("external-identifiers").GetProperty("container-id").GetString());
    }

    [Fact]
    public async Task EndpointGet_CepName_PrintsEndpointJsonAndEscapesTheSlash()
    {
        var result = await RunAsync("endpoint", "get", "cep-name:default/web-1");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(42, json.RootElement.GetProperty("id").GetInt64());
        Assert.Equal("ready", json.RootElement.GetProperty("status").GetProperty("state").GetString());
        Assert.Contains("/v1/endpoint/cep-name%3Adefault%2Fweb-1", agent.Server.Requests);
    }

    [Fact]
    public async Task EndpointGet_BareNumber_AsksForCiliumLocalId()
    {
        var result = await RunAsync("endpoint", "get", "7");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("waiting-for-identity", json.RootElement.GetProperty("status").GetProperty("state").GetString());
        Assert.Contains("/v1/endpoint/cilium-local%3A7", agent.Server.Requests);
    }

    [Fact]
    public async Task EndpointGet_UnknownId_PrintsProblemTitleAndDetail()
    {
        var result = await RunAsync("endpoint", "get", "99");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: Not Found: endpoint cilium-local:99 not found", Assert.Single(result.ErrorLines));
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task EndpointGet_BadIdForm_FailsWithoutAskingTheAgent()
    {
        var result = await RunAsync("endpoint", "get", "pod:web-1");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("invalid endpoint id \"pod:web-1\": unknown prefix \"pod\"", line, StringComparison.Ordinal);
        Assert.DoesNotContain(agent.Server.Requests, r => r.Contains("pod%3Aweb-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EndpointHealth_Ready_PrintsHealthLines()
    {
        var result = await RunAsync("endpoint", "health", "42");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Overall Health:   OK", "BPF Health:       OK", "Policy Health:    OK", "Connected:        yes"], result.Lines);
    }

    [Fact]
    public async Task EndpointHealth_OutputJson_PrintsCiliumNames()
    {
        var result = await RunAsync("endpoint", "health", "7", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("Pending", json.RootElement.GetProperty("overallHealth").GetString());
        Assert.False(json.RootElement.GetProperty("connected").GetBoolean());
    }

    [Fact]
    public async Task EndpointLog_Known_PrintsTimestampStatusStateMessage()
    {
        var result = await RunAsync("endpoint", "log", "42");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Timestamp", "Status", "State", "Message"], DbgResult.Cells(result.Lines[0]));
        Assert.Equal(["2025-01-02T03:04:05Z", "OK", "ready", "Successfully regenerated endpoint program"], DbgResult.Cells(result.Lines[1]));
        Assert.Contains("/v1/endpoint/cilium-local%3A42/log", agent.Server.Requests);
    }
}
