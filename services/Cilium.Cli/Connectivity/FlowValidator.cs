using Cilium.Cli.Hubble;

namespace Cilium.Cli.Connectivity;

/// <summary>
/// <c>--flow-validation</c>: after an action, asks the lab's relay whether Hubble saw what the outcome implies: a
/// denied action as a DROPPED flow from its source to its destination with a policy drop reason (POLICY_DENIED, or
/// POLICY_DENY for a deny rule), an allowed one as a FORWARDED flow that way and no policy drop. A pod end is matched
/// by its name, a node end by its address (a node's host namespace sends from and answers on its underlay address).
/// </summary>
public sealed class FlowValidator(RelayClient relay, TimeSpan wait)
{
    private static readonly string[] PolicyDrops = ["POLICY_DENIED", "POLICY_DENY"];
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Null when Hubble saw the expected flow, else why not (what it saw instead).</summary>
    public async Task<string?> ValidateAsync(ActionResult result, CancellationToken ct)
    {
        var action = result.Action;
        // The agent stamps flows from the kernel's monotonic clock mapped to wall time: allow a little skew.
        var since = result.Started - TimeSpan.FromMilliseconds(200);
        var filters = new List<KeyValuePair<string, string>>();
        if (!action.Source.IsNode)
        {
            filters.Add(new("from-pod", action.Source.Display));
        }
        if (!action.Destination.IsNode)
        {
            filters.Add(new("to-pod", action.Destination.Display));
        }
        var deadline = DateTime.UtcNow + wait;
        IReadOnlyList<HubbleFlow> flows;
        while (true)
        {
            // from-pod / to-pod match pod name prefixes (client matches client2): the exact pods are checked here.
            flows = (await relay.FlowsAsync(since, filters, ct))
                .Where(f => !f.IsReply && Matches(action.Source, f.SourcePod, f.SourceIp) && Matches(action.Destination, f.DestinationPod, f.DestinationIp))
                .ToList();
            var policyDrop = flows.Any(f => f.Verdict == "DROPPED" && PolicyDrops.Contains(f.DropReason));
            var forwarded = flows.Any(f => f.Verdict == "FORWARDED");
            if (action.Expected == Expectation.Drop ? policyDrop : forwarded && !policyDrop)
            {
                return null;
            }
            if (DateTime.UtcNow >= deadline || (action.Expected == Expectation.Success && policyDrop))
            {
                break;
            }
            await Task.Delay(Poll, ct);
        }
        var wanted = action.Expected == Expectation.Drop
            ? "a DROPPED flow (POLICY_DENIED or POLICY_DENY)"
            : "a FORWARDED flow and no policy drop";
        var seen = flows.Count == 0 ? "no flow between them" : string.Join("; ", flows.Take(4).Select(f => f.ToString())) + (flows.Count > 4 ? $"; ... ({flows.Count} flows)" : "");
        return $"Hubble flow validation: expected {wanted} from {action.Source.Display} to {action.Destination.Display}, saw {seen}";
    }

    private static bool Matches(Peer peer, string flowPod, string flowIp) =>
        peer.IsNode ? flowPod.Length == 0 && flowIp == peer.Ip : flowPod == peer.Display;
}
