using System.Diagnostics;
using Cilium.Testing;
using Xunit;

namespace Cilium.Agent.Tests;

/// <summary>The real cilium-dbg against the real agent: what it prints is what the kernel's maps hold.</summary>
[Collection(AgentClusterCollection.Name)]
public sealed class CiliumDbgTests(AgentClusterFixture cluster)
{
    [Fact]
    public async Task Commands_AgainstTheRealAgent_PrintWhatTheMapsHold()
    {
        var run = cluster.RunId;
        var node = cluster.Nodes[0];
        var server = cluster.CreatePod(node);
        var client = cluster.CreatePod(node);
        var serverEp = await node.CreateEndpointAsync(server, $"k8s:app=dbg-server-{run}");
        var clientEp = await node.CreateEndpointAsync(client, $"k8s:app=dbg-client-{run}");
        await cluster.PublishPolicyAsync("CiliumNetworkPolicy", "agent-test", $"dbg-{run}", $$$"""
            {"apiVersion":"cilium.io/v2","kind":"CiliumNetworkPolicy","metadata":{"name":"dbg-{{{run}}}","namespace":"agent-test"},
             "spec":{"endpointSelector":{"matchLabels":{"app":"dbg-server-{{{run}}}"}},
                     "ingress":[{"fromEndpoints":[{"matchLabels":{"app":"dbg-client-{{{run}}}"}}],"toPorts":[{"ports":[{"port":"5432","protocol":"TCP"}]}]}]}}
            """);
        var clientIdentity = clientEp.Status!.Identity!.Id;
        await Eventually.UntilAsync(() => MapReader.PolicyAsync(node, serverEp.Id), m => m.Contains($"Ingress {clientIdentity} 5432/TCP => Allow"));

        var endpoints = await DbgAsync(node, "endpoint", "list");
        var policy = await DbgAsync(node, "bpf", "policy", "get", $"{serverEp.Id}");
        var ipcache = await DbgAsync(node, "bpf", "ipcache", "list");
        var status = await DbgAsync(node, "status");
        var missing = await DbgAsync(node.Socket + ".nope", "status");

        Assert.Equal(0, endpoints.ExitCode);
        Assert.Contains($"{serverEp.Id}", endpoints.Output, StringComparison.Ordinal);
        Assert.Contains(server.Ip, endpoints.Output, StringComparison.Ordinal);
        Assert.Contains("ready", endpoints.Output, StringComparison.Ordinal);
        Assert.Equal(0, policy.ExitCode);
        var allowLine = policy.Output.Split('\n').FirstOrDefault(l => l.Contains("5432/TCP", StringComparison.Ordinal));
        Assert.NotNull(allowLine);
        Assert.Contains("Allow", allowLine, StringComparison.Ordinal);
        Assert.Contains("Ingress", allowLine, StringComparison.Ordinal);
        Assert.Equal(0, ipcache.ExitCode);
        Assert.Contains($"{client.Ip}/32", ipcache.Output, StringComparison.Ordinal);
        Assert.Contains($"identity={clientIdentity}", ipcache.Output, StringComparison.Ordinal);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("Ok", status.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("agent running", missing.Error, StringComparison.Ordinal);
        await cluster.DeletePolicyAsync("CiliumNetworkPolicy", "agent-test", $"dbg-{run}");
    }

    private static Task<(int ExitCode, string Output, string Error)> DbgAsync(AgentNode node, params string[] args) => DbgAsync(node.Socket, args);

    private static async Task<(int ExitCode, string Output, string Error)> DbgAsync(string socket, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(RepoPaths.Executable("services/Cilium.Dbg", "cilium-dbg"));
        psi.ArgumentList.Add("-H");
        psi.ArgumentList.Add($"unix://{socket}");
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }
}
