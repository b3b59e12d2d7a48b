using Cilium.Cni.Agent;
using Cilium.Cni.Pending;
using Cilium.Cni.Spec;
using Cilium.Contracts.Cni;

namespace Cilium.Cni.Commands;

/// <summary>What every verb works with: the checked environment and configuration, the agent, its pending queue.</summary>
public sealed record CniInvocation(CniEnvironment Env, NetConf Conf, AgentClient Agent, PendingDeletions Pending)
{
    public string CniVersion => Conf.CniVersion!;

    public string AttachmentId => PendingDeletion.AttachmentId(Env.ContainerId, Env.IfName);

    public StepTimings Steps { get; } = new();
}
