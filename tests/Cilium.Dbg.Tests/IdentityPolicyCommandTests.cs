using System.Text.Json;

namespace Cilium.Dbg.Tests;

/// <summary><c>cilium-dbg identity ...</c> and <c>policy ...</c> against the fake agent.</summary>
public sealed class IdentityPolicyCommandTests(FakeAgentFixture agent) : IClassFixture<FakeAgentFixture>
{
    private Task<DbgResult> RunAsync(params string[] args) => DbgProcess.RunAsync(agent.Server.SocketPath, args);

    [Fact]
    public async Task IdentityList_Default_PrintsIdAndLabelsOnePerLine()
    {
        var result = await RunAsync("identity", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
        [
            "ID      LABELS",
            "1       reserved:host",
            "2       reserved:world",
            "12345   k8s:app=web",
            "        k8s:io.kubernetes.pod.namespace=default",
        ], result.Lines);
    }

    [Fact]
    public async Task IdentityList_Endpoints_AddsRefcountColumn()
    {
        var result = await RunAsync("identity", "list", "--endpoints");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["ID", "LABELS", "REFCOUNT"], DbgResult.Cells(result.Lines[0]));
        Assert.Equal(["5", "reserved:init", "1"], result.Row("5"));
        Assert.Equal(["12345", "k8s:app=web", "1"], result.Row("12345"));
        Assert.Contains("/v1/identity/endpoints", agent.Server.Requests);
    }

    [Fact]
    public async Task IdentityGet_Known_PrintsOneIdentity()
    {
        var result = await RunAsync("identity", "get", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["ID   LABELS", "2    reserved:world"], result.Lines);
    }

    [Fact]
    public async Task IdentityGet_OutputJson_HasLabelsSha256()
    {
        var result = await RunAsync("identity", "get", "12345", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("sha", json.RootElement.GetProperty("labelsSHA256").GetString());
    }

    [Fact]
    public async Task IdentityGet_NotNumber_FailsInOneLine()
    {
        var result = await RunAsync("identity", "get", "web");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: invalid identity \"web\": expected a number", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task IdentityGet_Unknown_PrintsProblem()
    {
        var result = await RunAsync("identity", "get", "777");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error: Not Found: identity 777 not found", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task PolicyGet_Default_PrintsIndentedRulesThenRevision()
    {
        var result = await RunAsync("policy", "get");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Revision: 3", result.Lines[^1]);
        Assert.Contains("    \"endpointSelector\": {", result.Stdout, StringComparison.Ordinal);
        using var rules = JsonDocument.Parse(string.Join('\n', result.Lines.Take(result.Lines.Count - 1)));
        Assert.Equal("web", rules.RootElement[0].GetProperty("endpointSelector").GetProperty("matchLabels").GetProperty("any:app").GetString());
    }

    [Fact]
    public async Task PolicyGet_OutputJson_PrintsPolicyAndRevision()
    {
        var result = await RunAsync("policy", "get", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(3, json.RootElement.GetProperty("revision").GetInt64());
        Assert.StartsWith("[{", json.RootElement.GetProperty("policy").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicySelectors_Default_PrintsSelectorPolicyUsersIdentities()
    {
        var result = await RunAsync("policy", "selectors");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["SELECTOR", "LABELS", "USERS", "IDENTITIES"], DbgResult.Cells(result.Lines[0]));
        Assert.Equal(["&LabelSelector{MatchLabels:map[string]string{any.app: web,}}", "default/allow-web", "1", "12345"], DbgResult.Cells(result.Lines[1]));
    }
}
