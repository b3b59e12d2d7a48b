using Cilium.Hubble.Contracts.Flow;
using Cilium.Hubble.Contracts.Observer;
using Grpc.Core;
using Grpc.Net.Client;

namespace Cilium.Agent.Tests;

/// <summary>A gRPC client of the agent's Hubble observer, generated from the project's own observer.proto.</summary>
internal static class HubbleReader
{
    public static async Task<IReadOnlyList<Flow>> DroppedFlowsAsync(AgentNode node)
    {
        using var channel = GrpcChannel.ForAddress($"http://{node.HubbleAddress}");
        var client = new Observer.ObserverClient(channel);
        var request = new GetFlowsRequest { Number = 1000 };
        request.Whitelist.Add(new FlowFilter { Verdict = { Verdict.Dropped } });
        var flows = new List<Flow>();
        using var call = client.GetFlows(request, deadline: DateTime.UtcNow.AddSeconds(10));
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            if (response.Flow is not null)
            {
                flows.Add(response.Flow);
            }
        }
        return flows;
    }
}
