using System.Net;
using Cilium.Cni.Agent;
using Cilium.Cni.Network;
using Cilium.Cni.Pending;
using Cilium.Cni.Pods;
using Cilium.Cni.Spec;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Cni;

namespace Cilium.Cni.Commands;

/// <summary>
/// ADD: an address from the agent's IPAM, the veth pair with addresses and routes, then the endpoint, created
/// synchronously so policy is in place when the runtime starts the container. Whatever fails, everything taken so
/// far is given back, newest first, so a failed ADD leaves no address, link or endpoint behind.
/// </summary>
public static class AddCommand
{
    public static async Task<CniResult> RunAsync(CniInvocation call, CancellationToken cancellationToken)
    {
        var env = call.Env;
        var netns = env.Netns!;
        if (!File.Exists(netns))
        {
            throw new CniException(CniErrorCode.UnknownContainer,
                $"the container's network namespace {netns} (CNI_NETNS) does not exist; create it before ADD");
        }
        var pod = PodInfo.From(env, call.Conf);
        call.Steps.Mark("prepare");
        await call.Pending.DrainAsync(call.Agent, cancellationToken);
        call.Steps.Mark("pending");
        var hostIfName = VethNames.HostSide(env.ContainerId, env.IfName);
        if (PodNetwork.HostLinkExists(hostIfName))
        {
            throw new CniException(CniErrorCode.InterfaceSetupFailed,
                $"{hostIfName} already exists: container {env.ContainerId} interface {env.IfName} is attached; DEL it before adding it again");
        }

        IPAMResponse ipam;
        try
        {
            ipam = call.Agent.AllocateIp(pod.Owner);
        }
        catch (AgentRequestException e)
        {
            throw new CniException(CniErrorCode.IpamFailed, $"no address for {pod.Owner}: {e.Detail}", inner: e);
        }
        call.Steps.Mark("ipam");
        var plan = new AttachmentPlan(
            netns, hostIfName, VethNames.RandomMac(), env.IfName, VethNames.RandomMac(),
            ipam.Ipv4?.Ip, ipam.Ipv4?.Gateway, ipam.Ipv6?.Ip, ipam.Ipv6?.Gateway, call.Conf.Mtu);
        var linkMade = false;
        var endpointRequested = false;
        try
        {
            // Set before the attempt: a set-up that fails half-way may still have created the pair.
            linkMade = true;
            var ifindex = SetUpLinks(plan);
            call.Steps.Mark("links");
            endpointRequested = true;
            CreateEndpoint(call, pod, plan, ifindex);
            call.Steps.Mark("endpoint");
            return Result(call, plan);
        }
        catch
        {
            RollBack(call, plan, linkMade, endpointRequested);
            throw;
        }
    }

    private static int SetUpLinks(AttachmentPlan plan)
    {
        try
        {
            return PodNetwork.SetUp(plan);
        }
        catch (NetworkCommandException e)
        {
            throw new CniException(CniErrorCode.InterfaceSetupFailed, $"could not set up the pod's interface: {e.Message}", inner: e);
        }
        catch (IOException e)
        {
            throw new CniException(CniErrorCode.InterfaceSetupFailed, $"could not enable forwarding on the node: {e.Message}", inner: e);
        }
    }

    private static void CreateEndpoint(CniInvocation call, PodInfo pod, AttachmentPlan plan, int ifindex)
    {
        var request = new EndpointChangeRequest(
            EndpointState.WaitingForIdentity,
            Addressing: new AddressPair(Ipv4: plan.Ipv4, Ipv6: plan.Ipv6),
            ContainerId: call.Env.ContainerId,
            ContainerInterfaceName: call.Env.IfName,
            ContainerNetnsPath: plan.NetnsPath,
            HostMac: plan.HostMac,
            InterfaceIndex: ifindex,
            InterfaceName: plan.HostIfName,
            K8sNamespace: pod.Namespace,
            K8sPodName: pod.Name,
            K8sUid: pod.Uid,
            Labels: pod.Labels,
            Mac: plan.PodMac,
            SyncBuildEndpoint: true);
        EndpointView endpoint;
        try
        {
            endpoint = call.Agent.CreateEndpoint(request);
        }
        catch (AgentRequestException e)
        {
            throw new CniException(CniErrorCode.EndpointFailed, $"the agent did not create the endpoint of {pod.Owner}: {e.Detail}", inner: e);
        }
        var state = endpoint.Status?.State;
        if (state != EndpointState.Ready)
        {
            // The runtime would start a container whose traffic policy does not allow yet: fail instead, as Cilium does.
            var why = endpoint.Status?.Log?.FirstOrDefault()?.Message ?? "no reason given";
            throw new CniException(CniErrorCode.EndpointFailed,
                $"endpoint {endpoint.Id} of {pod.Owner} is {state?.ToString() ?? "unknown"}, not ready: {why}");
        }
    }

    /// <summary>Best effort, each step on its own: one failing must not keep the others from giving back what they can.</summary>
    private static void RollBack(CniInvocation call, AttachmentPlan plan, bool linkMade, bool endpointRequested)
    {
        var addresses = new[] { plan.Ipv4, plan.Ipv6 }.OfType<string>().ToArray();
        try
        {
            if (endpointRequested)
            {
                call.Agent.DeleteEndpoint(call.AttachmentId);
            }
            foreach (var address in addresses)
            {
                call.Agent.ReleaseIp(address);
            }
        }
        catch (Exception e) when (e is AgentUnreachableException or AgentRequestException)
        {
            // The agent went away mid-ADD: leave the deletion for the next invocation rather than leak the address.
            call.Pending.Enqueue(new PendingDeletion(call.Env.ContainerId, call.Env.IfName, addresses, DateTimeOffset.UtcNow));
        }
        if (linkMade)
        {
            try
            {
                PodNetwork.Remove(plan.HostIfName);
            }
            catch (NetworkCommandException)
            {
                // Nothing more to do here: DEL, which the runtime calls after a failed ADD, tries again.
            }
        }
    }

    private static CniResult Result(CniInvocation call, AttachmentPlan plan)
    {
        var withVersion = CniVersions.ResultHasIpVersion(call.CniVersion);
        var ips = new List<CniIpConfig>();
        var routes = new List<CniRoute>();
        if (plan.Ipv4 is { } v4)
        {
            ips.Add(new CniIpConfig($"{v4}/32", plan.Gateway4, 1, withVersion ? "4" : null));
            routes.Add(new CniRoute("0.0.0.0/0", plan.Gateway4));
        }
        if (plan.Ipv6 is { } v6)
        {
            ips.Add(new CniIpConfig($"{IPAddress.Parse(v6)}/128", plan.Gateway6, 1, withVersion ? "6" : null));
            routes.Add(new CniRoute("::/0", plan.Gateway6));
        }
        return new CniResult(
            call.CniVersion,
            [
                new CniInterface(plan.HostIfName, plan.HostMac, Mtu: plan.Mtu),
                new CniInterface(plan.IfName, plan.PodMac, plan.NetnsPath, plan.Mtu),
            ],
            ips,
            routes,
            new CniDns());
    }
}
