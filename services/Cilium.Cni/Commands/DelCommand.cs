using Cilium.Cni.Agent;
using Cilium.Cni.Network;
using Cilium.Cni.Pending;
using Cilium.Contracts.Cni;

namespace Cilium.Cni.Commands;

/// <summary>
/// DEL: idempotent, and it never leaves the pod's links behind. The endpoint and its addresses are deleted in the
/// agent; when the agent is down the deletion is queued (<see cref="PendingDeletions"/>) and DEL still succeeds, so
/// the runtime can tear the pod down, and the agent side is finished by the next invocation that reaches the agent.
/// </summary>
public static class DelCommand
{
    public static async Task RunAsync(CniInvocation call, CancellationToken cancellationToken)
    {
        var env = call.Env;
        // Read before the link goes: the only record of the addresses if the agent lost or never made the endpoint.
        var addresses = env.Netns is { } netns ? await PodNetwork.ReadAddressesAsync(netns, env.IfName, cancellationToken) ?? [] : [];
        var deletion = new PendingDeletion(env.ContainerId, env.IfName, addresses, DateTimeOffset.UtcNow);
        try
        {
            await call.Pending.DrainAsync(call.Agent, cancellationToken);
            PendingDeletions.Delete(call.Agent, deletion);
        }
        catch (AgentUnreachableException)
        {
            call.Pending.Enqueue(deletion);
        }
        PodNetwork.Remove(VethNames.HostSide(env.ContainerId, env.IfName));
    }
}
