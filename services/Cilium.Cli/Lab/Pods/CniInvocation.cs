using System.Text.Json.Nodes;
using Cilium.Cli.Infrastructure;

namespace Cilium.Cli.Lab.Pods;

/// <summary>
/// Runs cilium-cni as a container runtime would: inside the node's namespace, the CNI_* variables set, and on stdin
/// the plugin entry of the node's <c>05-cilium.conflist</c> with the list's <c>cniVersion</c> and <c>name</c>.
/// </summary>
public sealed class CniInvocation(Executables executables)
{
    /// <summary>
    /// The CNI_ARGS key cilium-cni reads the pod's labels from (<c>k=v,k2=v2</c>, see services/Cilium.Cni/Spec/CniArgs.cs);
    /// the plugin adds the namespace and cluster labels itself.
    /// </summary>
    public const string LabelsArg = "CILIUM_LABELS";

    public static string NetworkConfig(string confListFile)
    {
        var list = JsonNode.Parse(File.ReadAllText(confListFile))!.AsObject();
        var plugin = list["plugins"]!.AsArray().First(p => p?["type"]?.GetValue<string>() == "cilium-cni")!.DeepClone().AsObject();
        plugin["cniVersion"] = list["cniVersion"]!.DeepClone();
        plugin["name"] = list["name"]!.DeepClone();
        return plugin.ToJsonString();
    }

    public static string CniArgs(PodRecord pod, string cluster) =>
        string.Join(';',
            "IgnoreUnknown=1",
            $"K8S_POD_NAMESPACE={pod.Namespace}",
            $"K8S_POD_NAME={pod.Name}",
            $"K8S_POD_INFRA_CONTAINER_ID={pod.ContainerId}",
            $"{LabelsArg}={string.Join(',', PodLabels.ForEndpoint(pod.Namespace, pod.Labels, cluster))}");

    public async Task<CommandResult> RunAsync(string command, LabNode node, PodRecord pod, string cluster, CancellationToken ct)
    {
        var env = new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = command,
            ["CNI_CONTAINERID"] = pod.ContainerId,
            ["CNI_NETNS"] = pod.NetnsPath,
            ["CNI_IFNAME"] = "eth0",
            ["CNI_PATH"] = executables.DirectoryOf("cilium-cni"),
            ["CNI_ARGS"] = CniArgs(pod, cluster),
        };
        return await Shell.RunAsync("ip", ["netns", "exec", node.Netns, .. executables.PluginCommand("cilium-cni")], ct, env, NetworkConfig(node.ConfList), TimeSpan.FromSeconds(60));
    }

    /// <summary>True when the plugin answers VERSION, i.e. it is implemented; asked the way ADD will run it (the AOT binary when built).</summary>
    public async Task<bool> IsAvailableAsync(CancellationToken ct)
    {
        if (executables.FindDll("cilium-cni") is null)
        {
            return false;
        }
        var command = executables.PluginCommand("cilium-cni");
        var result = await Shell.RunAsync(command[0], command.Skip(1), ct,
            new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" }, "{\"cniVersion\":\"1.0.0\"}");
        return result.Ok && result.StdOut.Contains("supportedVersions", StringComparison.Ordinal);
    }

    /// <summary>The pod's IPv4 address from a CNI result (<c>ips[].address</c>, CIDR notation).</summary>
    public static string? Ipv4(string resultJson)
    {
        var ips = JsonNode.Parse(resultJson)?["ips"]?.AsArray();
        return ips?.Select(i => i?["address"]?.GetValue<string>())
            .Where(a => a is not null && !a.Contains(':', StringComparison.Ordinal))
            .Select(a => a!.Split('/')[0])
            .FirstOrDefault();
    }
}
