using Cilium.Bpf.Maps;
using Microsoft.Extensions.Logging;

namespace Cilium.Bpf;

/// <summary>
/// One endpoint's loaded programs and policy map. <see cref="Attach"/> puts cil_from_container on tc ingress and
/// cil_to_container on tc egress of the endpoint's host-side veth (packets the pod sends arrive on the host veth's
/// ingress). Disposing closes this process's descriptors only: pins and attachments stay.
/// </summary>
public sealed class EndpointDatapath : IDisposable
{
    private readonly ILogger _logger;

    internal EndpointDatapath(ushort endpointId, BpfProgram fromContainer, BpfProgram toContainer, PolicyMap policy, ILogger logger)
    {
        EndpointId = endpointId;
        FromContainer = fromContainer;
        ToContainer = toContainer;
        Policy = policy;
        _logger = logger;
    }

    public ushort EndpointId { get; }

    /// <summary>Packets leaving the pod: the endpoint's egress policy.</summary>
    public BpfProgram FromContainer { get; }

    /// <summary>Packets entering the pod: the endpoint's ingress policy.</summary>
    public BpfProgram ToContainer { get; }

    public PolicyMap Policy { get; }

    /// <summary>Attaches both programs on the host-side veth <paramref name="ifindex"/> inside <paramref name="netns"/> (null: this process's).</summary>
    public void Attach(int ifindex, NetworkNamespace? netns = null)
    {
        DatapathLog.Attach(_logger, EndpointId, ifindex, netns?.Name ?? "(own)", FromContainer.Id, ToContainer.Id);
        Tc.Attach(FromContainer, ifindex, TcHook.Ingress, netns);
        Tc.Attach(ToContainer, ifindex, TcHook.Egress, netns);
    }

    public void Detach(int ifindex, NetworkNamespace? netns = null)
    {
        DatapathLog.Detach(_logger, EndpointId, ifindex, netns?.Name ?? "(own)");
        Tc.Detach(ifindex, TcHook.Ingress, netns);
        Tc.Detach(ifindex, TcHook.Egress, netns);
    }

    public void Dispose()
    {
        FromContainer.Dispose();
        ToContainer.Dispose();
        Policy.Dispose();
    }
}
