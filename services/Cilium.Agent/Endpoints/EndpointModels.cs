using System.Globalization;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Identities;
using Cilium.Core.Labels;
using AgentEndpointPolicy = Cilium.Contracts.Agent.EndpointPolicy;

using Endpoint = Cilium.Contracts.Agent.Endpoint;

namespace Cilium.Agent.Endpoints;

/// <summary>Turns the agent's endpoints into Cilium's v1 <c>Endpoint</c> JSON shape.</summary>
public static class EndpointModels
{
    public static Endpoint ToModel(AgentEndpoint e, NodeAddressing? hostAddressing = null)
    {
        var identity = e.Identity > 0
            ? new Identity(e.Identity, e.IdentityLabels, LabelSet.Parse(e.IdentityLabels.Count > 0 ? e.IdentityLabels : e.Labels).Sha256)
            : null;
        var policy = new AgentEndpointPolicy(
            e.Identity,
            PolicyRevision: e.PolicyRevision,
            PolicyEnabled: PolicyEnabled(e));
        return new Endpoint(
            e.Id,
            new EndpointConfigurationSpec(new LabelConfigurationSpec(e.Labels)),
            new EndpointStatus(
                ToState(e.State),
                Identity: identity,
                Labels: new LabelConfigurationStatus(
                    Realized: new LabelConfigurationSpec(e.Labels),
                    SecurityRelevant: e.IdentityLabels,
                    Derived: e.Labels.Except(e.IdentityLabels).ToArray()),
                Networking: new EndpointNetworking(
                    [new AddressPair(Ipv4: e.Ipv4, Ipv6: e.Ipv6)],
                    hostAddressing,
                    e.Mac,
                    e.HostMac,
                    e.InterfaceName,
                    e.InterfaceIndex,
                    e.ContainerInterfaceName),
                ExternalIdentifiers: new EndpointIdentifiers(
                    ContainerId: e.ContainerId,
                    CniAttachmentId: e.ContainerId is null ? null : $"{e.ContainerId}:{e.ContainerInterfaceName}",
                    K8sNamespace: e.K8sNamespace,
                    K8sPodName: e.K8sPodName,
                    PodName: e.K8sNamespace is null ? null : $"{e.K8sNamespace}/{e.K8sPodName}"),
                Policy: new EndpointPolicyStatus(policy, policy),
                Log: ToLog(e),
                Health: Health(e),
                NamedPorts: e.NamedPorts));
    }

    public static IReadOnlyList<EndpointStatusChange> ToLog(AgentEndpoint e) =>
        e.Log.Select(l => new EndpointStatusChange(l.Code, l.Message, ToState(l.State), l.Timestamp.ToString("O", CultureInfo.InvariantCulture))).ToArray();

    public static EndpointHealth Health(AgentEndpoint e) => e.State switch
    {
        EndpointStates.Ready => new EndpointHealth(EndpointHealthStatus.Ok, EndpointHealthStatus.Ok, EndpointHealthStatus.Ok, true),
        EndpointStates.NotReady or EndpointStates.Invalid => new EndpointHealth(EndpointHealthStatus.Failure, e.Error is null ? EndpointHealthStatus.Ok : EndpointHealthStatus.Failure, EndpointHealthStatus.Failure, false),
        _ => new EndpointHealth(EndpointHealthStatus.Pending, EndpointHealthStatus.Pending, EndpointHealthStatus.Bootstrap, false),
    };

    public static string PolicyEnabled(AgentEndpoint e) => (e.IngressEnforced, e.EgressEnforced) switch
    {
        (true, true) => "both",
        (true, false) => "ingress",
        (false, true) => "egress",
        _ => "none",
    };

    public static EndpointState ToState(string state) => state switch
    {
        EndpointStates.WaitingForIdentity => EndpointState.WaitingForIdentity,
        EndpointStates.NotReady => EndpointState.NotReady,
        EndpointStates.WaitingToRegenerate => EndpointState.WaitingToRegenerate,
        EndpointStates.Regenerating => EndpointState.Regenerating,
        EndpointStates.Restoring => EndpointState.Restoring,
        EndpointStates.Ready => EndpointState.Ready,
        EndpointStates.Disconnecting => EndpointState.Disconnecting,
        EndpointStates.Disconnected => EndpointState.Disconnected,
        _ => EndpointState.Invalid,
    };
}
