using System.Text.Json;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;

namespace Cilium.Agent.Tests;

internal static class MonitorReader
{
    /// <summary>The recent events of one type from the agent's monitor stream (not following).</summary>
    public static async Task<IReadOnlyList<MonitorEvent>> ReadAsync(AgentNode node, string type)
    {
        var text = await node.Client.GetStringAsync($"{AgentPaths.Monitor}?type={type}");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.Deserialize<MonitorEvent>(l, CiliumJson.Options)!)
            .ToArray();
    }
}
