using System.Text.Json;

namespace Cilium.Cni.Tests.Support;

/// <summary>Reads what is configured inside a pod namespace, through iproute2's JSON output.</summary>
internal static class PodInterface
{
    /// <summary>Global addresses of <paramref name="ifName"/> in <paramref name="netns"/>; empty when the interface is missing.</summary>
    public static async Task<IReadOnlyList<string>> AddressesAsync(string netns, string ifName)
    {
        var (exit, output, _) = await Shell.RunAsync("ip", ["-n", netns, "-j", "addr", "show", "dev", ifName]);
        if (exit != 0)
        {
            return [];
        }
        return JsonDocument.Parse(output).RootElement.EnumerateArray()
            .SelectMany(l => l.GetProperty("addr_info").EnumerateArray())
            .Where(a => a.GetProperty("scope").GetString() == "global")
            .Select(a => a.GetProperty("local").GetString()!)
            .ToList();
    }

    public static async Task<bool> ExistsAsync(string netns, string ifName) =>
        (await Shell.RunAsync("ip", ["-n", netns, "link", "show", "dev", ifName])).ExitCode == 0;
}
