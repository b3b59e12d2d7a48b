using System.Diagnostics;
using Cilium.Contracts.Nodes;

namespace Cilium.Agent;

/// <summary>
/// Native routing between nodes: each other node's pod CIDRs are routed via that node's InternalIP. Installed only
/// where the agent runs a node namespace of its own (<see cref="AgentOptions.HostNetns"/>, the lab), since that is
/// the only place this agent may change routes; a real cluster's nodes route through their own network.
/// </summary>
public static class NodeRoutes
{
    public static void Add(AgentOptions options, CiliumNode node, ILogger logger) => Run(options, node, "replace", logger);

    public static void Remove(AgentOptions options, CiliumNode node, ILogger logger) => Run(options, node, "del", logger);

    private static void Run(AgentOptions options, CiliumNode node, string verb, ILogger logger)
    {
        if (string.IsNullOrEmpty(options.HostNetns) || node.Name == options.NodeName)
        {
            return;
        }
        var via = node.Addresses.FirstOrDefault(a => a.Type == "InternalIP" && a.Ip is not null && !a.Ip.Contains(':', StringComparison.Ordinal))?.Ip;
        if (via is null)
        {
            return;
        }
        foreach (var cidr in node.PodCidrs.Where(c => !c.Contains(':', StringComparison.Ordinal)))
        {
            using var ip = Process.Start(new ProcessStartInfo("ip", ["-n", options.HostNetns, "route", verb, cidr, "via", via])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            ip.WaitForExit();
            if (ip.ExitCode != 0 && verb != "del")
            {
                logger.LogWarning("Route {Cidr} via {Via} in {Netns}: {Error}", cidr, via, options.HostNetns, ip.StandardError.ReadToEnd().Trim());
            }
        }
    }
}
