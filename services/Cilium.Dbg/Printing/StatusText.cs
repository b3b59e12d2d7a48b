using System.Globalization;
using System.Net;
using Cilium.Contracts.Agent;

namespace Cilium.Dbg.Printing;

/// <summary>
/// The <c>status</c> text: one <c>Label:</c> per line, values aligned, in the order and wording of Cilium's
/// <c>FormatStatusResponse</c> (<c>pkg/client/client.go</c>). Lines for parts the agent does not report are left out.
/// </summary>
public static class StatusText
{
    /// <summary>The first failing component, as <c>error in &lt;component&gt;: &lt;msg&gt;</c>, or null when healthy.</summary>
    public static string? FirstProblem(StatusResponse status)
    {
        ArgumentNullException.ThrowIfNull(status);
        (string Name, string? State, string? Msg)[] parts =
        [
            ("cilium", status.Cilium?.State, status.Cilium?.Msg),
            ("kvstore", status.Kvstore?.State, status.Kvstore?.Msg),
            ("kubernetes", status.Kubernetes?.State, status.Kubernetes?.Msg),
        ];
        if (status.Cilium is null)
        {
            return "error in cilium: the agent reported no status";
        }
        var failed = parts.FirstOrDefault(p => p.State is StatusState.Failure);
        return failed.Name is null ? null : $"error in {failed.Name}: {failed.Msg}";
    }

    public static async Task WriteAsync(TextWriter output, StatusResponse status, bool verbose)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(status);
        var lines = new List<(string Label, string Value)>();
        void Add(string label, string? value)
        {
            if (value is not null)
            {
                lines.Add((label + ":", value));
            }
        }

        Add("KVStore", Component(status.Kvstore?.State, status.Kvstore?.Msg));
        Add("Kubernetes", Component(status.Kubernetes?.State, status.Kubernetes?.Msg));
        if (status.Kubernetes?.K8sApiVersions is { Count: > 0 } apis)
        {
            Add("Kubernetes APIs", "[" + string.Join(", ", apis.Select(a => $"\"{a}\"")) + "]");
        }
        Add("KubeProxyReplacement", status.KubeProxyReplacement?.Mode);
        Add("Host firewall", status.HostFirewall is { } fw ? Join(fw.Mode, Devices(fw.Devices)) : null);
        Add("CNI Chaining", status.CniChaining?.Mode);
        Add("CNI Config file", status.CniFile?.Msg);
        Add("Cilium", Component(status.Cilium?.State, status.Cilium?.Msg));
        Add("NodeMonitor", status.NodeMonitor is { } m
            ? $"Listening for events on {m.Cpus} CPUs with {m.Npages}x{m.Pagesize} of shared memory"
            : null);
        Add("Cilium health daemon", Component(status.Cluster?.CiliumHealth?.State, status.Cluster?.CiliumHealth?.Msg));
        Add("IPAM", status.Ipam is { } ipam ? Ipam(ipam) : null);
        Add("ClusterMesh", status.ClusterMesh is { } mesh
            ? $"{mesh.Clusters?.Count(c => c.Ready) ?? 0}/{mesh.Clusters?.Count ?? 0} remote clusters ready, {mesh.NumGlobalServices} global-services"
            : null);
        Add("Routing", status.Routing is { } r
            ? $"Network: {r.InterHostRoutingMode}{(string.IsNullOrEmpty(r.TunnelProtocol) ? "" : $" [{r.TunnelProtocol}]")}   Host: {r.IntraHostRoutingMode}"
            : null);
        Add("Attach Mode", status.AttachMode);
        Add("Device Mode", status.DatapathMode);
        Add("Masquerading", status.Masquerading is { } masq
            ? masq.Enabled ? Join(masq.Mode ?? "Enabled", masq.SnatExclusionCidrV4 is { } cidr ? $"[{cidr}]" : null) : "Disabled"
            : null);
        Add("Clock Source for BPF", status.ClockSource is { } clock
            ? clock.Hertz > 0 ? $"{clock.Mode}   [{clock.Hertz} Hz]" : clock.Mode
            : null);
        Add("Controller Status", status.Controllers is { } controllers
            ? $"{controllers.Count(c => (c.Status?.ConsecutiveFailureCount ?? 0) == 0)}/{controllers.Count} healthy"
            : null);
        Add("Global Identity Range", status.IdentityRange is { } range ? $"min {range.MinIdentity}, max {range.MaxIdentity}" : null);
        Add("Hubble", status.Hubble is { } hubble ? Hubble(hubble) : null);

        var width = lines.Count == 0 ? 0 : lines.Max(l => l.Label.Length) + 3;
        foreach (var (label, value) in lines)
        {
            await output.WriteLineAsync((label.PadRight(width) + value).TrimEnd());
        }
        if (verbose)
        {
            await WriteDetailsAsync(output, status);
        }
    }

    private static async Task WriteDetailsAsync(TextWriter output, StatusResponse status)
    {
        if (status.Ipam?.Allocations is { Count: > 0 } allocations)
        {
            await output.WriteLineAsync("Allocated addresses:");
            foreach (var (ip, owner) in allocations.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                await output.WriteLineAsync($"  {ip} ({owner})");
            }
        }
        if (status.Controllers is { Count: > 0 } controllers)
        {
            await output.WriteLineAsync("Controller Status:");
            var rows = controllers.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => (IReadOnlyList<string>)
            [
                "  " + c.Name,
                c.Status?.LastSuccessTimestamp ?? "never",
                c.Status?.LastFailureTimestamp ?? "never",
                (c.Status?.ConsecutiveFailureCount ?? 0).ToString(CultureInfo.InvariantCulture),
                string.IsNullOrEmpty(c.Status?.LastFailureMsg) ? "no error" : c.Status.LastFailureMsg,
            ]);
            await Table.WriteAsync(output, ["  Name", "Last success", "Last error", "Count", "Message"], rows);
        }
        if (status.BpfMaps is { } maps)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"BPF Maps:   dynamic sizing: {(maps.DynamicSizeRatio > 0 ? "on" : "off")} (ratio: {maps.DynamicSizeRatio:0.000000})"));
            var rows = (maps.Maps ?? []).Select(m => (IReadOnlyList<string>)["  " + m.Name, m.Size.ToString(CultureInfo.InvariantCulture)]);
            await Table.WriteAsync(output, ["  Name", "Size"], rows);
        }
        if (status.Cluster?.Nodes is { Count: > 0 } nodes)
        {
            await output.WriteLineAsync("Cluster Nodes:");
            foreach (var node in nodes)
            {
                var self = node.Name == status.Cluster.Self ? " (localhost)" : "";
                await output.WriteLineAsync($"  {node.Name}{self}: {node.PrimaryAddress?.Ipv4?.Ip ?? node.PrimaryAddress?.Ipv6?.Ip}");
            }
        }
        if (status.Stale is { Count: > 0 } stale)
        {
            await output.WriteLineAsync("Stale status:");
            foreach (var (probe, since) in stale.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                await output.WriteLineAsync($"  {probe} since {since}");
            }
        }
    }

    private static string? Component(string? state, string? msg) =>
        state is null ? null : Join(state, msg);

    private static string Join(string first, string? second) =>
        string.IsNullOrEmpty(second) ? first : $"{first}   {second}";

    private static string? Devices(IReadOnlyList<string>? devices) =>
        devices is { Count: > 0 } ? "[" + string.Join(", ", devices) + "]" : null;

    private static string Ipam(IPAMStatus ipam)
    {
        var allocated = ipam.Allocations ?? new Dictionary<string, string>();
        var parts = new List<string>();
        foreach (var cidr in ipam.Ipv4 ?? [])
        {
            parts.Add($"IPv4: {allocated.Keys.Count(k => !k.Contains(':', StringComparison.Ordinal))}/{Usable(cidr)} allocated from {cidr}");
        }
        foreach (var cidr in ipam.Ipv6 ?? [])
        {
            parts.Add($"IPv6: {allocated.Keys.Count(k => k.Contains(':', StringComparison.Ordinal))}/{Usable(cidr)} allocated from {cidr}");
        }
        return parts.Count == 0 ? ipam.Status ?? "" : string.Join(", ", parts);
    }

    // Addresses a pod can get: the network and broadcast addresses of an IPv4 range do not count.
    private static string Usable(string cidr)
    {
        if (!IPNetwork.TryParse(cidr, out var network))
        {
            return "?";
        }
        var bits = (network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128) - network.PrefixLength;
        if (bits >= 63)
        {
            return "many";
        }
        var size = 1L << bits;
        return (network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && bits > 1 ? size - 2 : size)
            .ToString(CultureInfo.InvariantCulture);
    }

    private static string Hubble(HubbleStatus hubble)
    {
        if (hubble.State != StatusState.Ok || hubble.Observer is not { } observer)
        {
            return Join(hubble.State, hubble.Msg);
        }
        var percent = observer.MaxFlows == 0 ? 0 : 100.0 * observer.CurrentFlows / observer.MaxFlows;
        var seconds = GoDuration.TryParseSeconds(observer.Uptime);
        var rate = seconds > 0 ? observer.SeenFlows / seconds : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"{hubble.State}   Current/Max Flows: {observer.CurrentFlows}/{observer.MaxFlows} ({percent:0.00}%), Flows/s: {rate:0.00}");
    }
}
