using Cilium.Bpf.Maps;
using Microsoft.Extensions.Logging;

namespace Cilium.Bpf;

/// <summary>
/// One endpoint of the node: its policy map, and where it is attached. <see cref="Attach"/> registers the endpoint
/// in cilium_ep_state under the veth's ifindex and puts the node's cil_from_container on tc ingress and
/// cil_to_container on tc egress of that host-side veth (packets the pod sends arrive on the host veth's ingress).
/// Disposing closes this process's descriptors only: pins, registrations and attachments stay.
/// </summary>
public sealed class EndpointDatapath : IDisposable
{
    private readonly Datapath _node;
    private readonly ILogger _logger;

    internal EndpointDatapath(Datapath node, ushort endpointId, uint identity, PolicyMap policy, ILogger logger)
    {
        _node = node;
        EndpointId = endpointId;
        Identity = identity;
        Policy = policy;
        _logger = logger;
    }

    public ushort EndpointId { get; }

    /// <summary>The security identity the datapath reports and judges this endpoint's traffic with.</summary>
    public uint Identity { get; private set; }

    /// <summary>The host-side veth the endpoint is registered on (0: none).</summary>
    public int Ifindex { get; private set; }

    /// <summary>Packets leaving the pod: the endpoint's egress policy (the node's program, shared).</summary>
    public BpfProgram FromContainer => _node.FromContainerProgram;

    /// <summary>Packets entering the pod: the endpoint's ingress policy (the node's program, shared).</summary>
    public BpfProgram ToContainer => _node.ToContainerProgram;

    public PolicyMap Policy { get; }

    /// <summary>
    /// Registers the endpoint on the host-side veth <paramref name="ifindex"/> and attaches both programs there, inside
    /// <paramref name="netns"/> (null: this process's). Attaching again replaces the programs atomically.
    /// </summary>
    public void Attach(int ifindex, NetworkNamespace? netns = null)
    {
        Bind(ifindex);
        DatapathLog.Attach(_logger, EndpointId, ifindex, netns?.Name ?? "(own)", FromContainer.Id, ToContainer.Id);
        Tc.Attach(FromContainer, ifindex, TcHook.Ingress, netns);
        Tc.Attach(ToContainer, ifindex, TcHook.Egress, netns);
    }

    /// <summary>
    /// Registers the endpoint on <paramref name="ifindex"/> without attaching anything (a program test run sees the
    /// loopback device, ifindex 1, unless told otherwise).
    /// </summary>
    public void Bind(int ifindex)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ifindex);
        if (Ifindex != 0 && Ifindex != ifindex)
        {
            _node.EndpointStates.Unregister(Ifindex);
        }
        _node.EndpointStates.Register(ifindex, EndpointId, Identity);
        Ifindex = ifindex;
    }

    /// <summary>Changes the identity the datapath uses for this endpoint, effective with the next packet.</summary>
    public void SetIdentity(uint identity)
    {
        Identity = identity;
        if (Ifindex != 0)
        {
            _node.EndpointStates.Register(Ifindex, EndpointId, identity);
        }
    }

    /// <summary>Moves the policy revision on after a policy map change; established connections are judged again.</summary>
    public uint BumpPolicyRevision() => Ifindex == 0 ? 0 : _node.EndpointStates.BumpPolicyRevision(Ifindex);

    /// <summary>The revision the datapath holds for this endpoint (0: not registered).</summary>
    public uint PolicyRevision => Ifindex == 0 ? 0 : _node.EndpointStates.Get(Ifindex)?.PolicyRevision ?? 0;

    /// <summary>Detaches both programs from <paramref name="ifindex"/> and unregisters the endpoint there.</summary>
    public void Detach(int ifindex, NetworkNamespace? netns = null)
    {
        DatapathLog.Detach(_logger, EndpointId, ifindex, netns?.Name ?? "(own)");
        try
        {
            Tc.Detach(ifindex, TcHook.Ingress, netns);
            Tc.Detach(ifindex, TcHook.Egress, netns);
        }
        finally
        {
            _node.EndpointStates.Unregister(ifindex);
            if (Ifindex == ifindex)
            {
                Ifindex = 0;
            }
        }
    }

    internal void Restore(int ifindex, uint identity)
    {
        Ifindex = ifindex;
        Identity = identity;
    }

    public void Dispose() => Policy.Dispose();
}
