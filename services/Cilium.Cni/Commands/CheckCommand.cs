using System.Net;
using System.Text.Json;
using Cilium.Cni.Network;
using Cilium.Cni.Spec;
using Cilium.Contracts.Agent;

namespace Cilium.Cni.Commands;

/// <summary>
/// CHECK: the agent still has a healthy endpoint for this attachment, with the addresses of the previous result, and
/// the container's interface and the host-side veth still carry them.
/// </summary>
public static class CheckCommand
{
    public static async Task RunAsync(CniInvocation call, CancellationToken cancellationToken)
    {
        var env = call.Env;
        await call.Pending.DrainAsync(call.Agent, cancellationToken);
        var endpoint = call.Agent.GetEndpoint(call.AttachmentId)
            ?? throw Failed($"the agent has no endpoint for container {env.ContainerId} interface {env.IfName}");
        if (endpoint.Status?.State is EndpointState.Invalid or EndpointState.NotReady or EndpointState.Disconnected or EndpointState.Disconnecting
            || endpoint.Status?.Health?.OverallHealth == EndpointHealthStatus.Failure)
        {
            throw Failed($"endpoint {endpoint.Id} is {endpoint.Status?.State}: {endpoint.Status?.Log?.FirstOrDefault()?.Message ?? "no reason given"}");
        }
        var expected = (endpoint.Status?.Networking?.Addressing ?? [])
            .SelectMany(p => new[] { p.Ipv4, p.Ipv6 })
            .OfType<string>()
            .Where(a => a.Length > 0)
            .Select(Normalize)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var previous in PreviousAddresses(call.Conf))
        {
            if (!expected.Contains(previous))
            {
                throw Failed($"the previous result has {previous}, but endpoint {endpoint.Id} has {string.Join(", ", expected)}");
            }
        }
        var actual = await PodNetwork.ReadAddressesAsync(env.Netns!, env.IfName, cancellationToken)
            ?? throw Failed($"interface {env.IfName} is missing in {env.Netns}");
        var missing = expected.Except(actual.Select(Normalize), StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw Failed($"interface {env.IfName} in {env.Netns} lacks {string.Join(", ", missing)}");
        }
        var hostIfName = VethNames.HostSide(env.ContainerId, env.IfName);
        if (!PodNetwork.HostLinkExists(hostIfName))
        {
            throw Failed($"the host-side veth {hostIfName} is missing");
        }
    }

    private static IEnumerable<string> PreviousAddresses(NetConf conf)
    {
        if (conf.PrevResult is not { ValueKind: JsonValueKind.Object } prev || !prev.TryGetProperty("ips", out var ips) || ips.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }
        foreach (var ip in ips.EnumerateArray())
        {
            if (ip.TryGetProperty("address", out var address) && address.GetString() is { } text)
            {
                yield return Normalize(text.Split('/')[0]);
            }
        }
    }

    private static string Normalize(string address) => IPAddress.TryParse(address, out var ip) ? ip.ToString() : address;

    private static CniException Failed(string message) => new(CniErrorCode.CheckFailed, $"CHECK failed: {message}");
}
