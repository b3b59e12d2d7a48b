using System.CommandLine;
using System.Net;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;

namespace Cilium.Dbg.Commands.Bpf;

/// <summary>
/// <c>cilium-dbg bpf ipcache get &lt;ip&gt;</c>: the longest-prefix match of an address, as the datapath does it.
/// Calls GET /v1/map/cilium_ipcache_v2 and matches locally (the agent API has no per-key lookup).
/// </summary>
public static class IpcacheGetCommand
{
    public static Command Create(DbgContext context)
    {
        var address = new Argument<string>("ip") { Description = "IPv4 or IPv6 address" };
        var command = new Command("get", "Retrieve identity for an ip") { address };
        command.SetAction((parse, ct) => context.RunAsync(parse, async client =>
        {
            var text = parse.GetValue(address)!;
            if (!IPAddress.TryParse(text, out var ip) || (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && text.Count(c => c == '.') != 3))
            {
                throw new UsageException($"invalid IP address \"{text}\"");
            }
            var map = await client.GetAsync(AgentPaths.Map(BpfMapNames.IpCache), CiliumJsonContext.Default.BPFMap, ct);
            var best = (map.Value.Cache ?? [])
                .Select(e => (Entry: e, Ok: IPNetwork.TryParse(e.Key.Split('@')[0], out var network), Network: network))
                .Where(m => m.Ok && m.Network.BaseAddress.AddressFamily == ip.AddressFamily && m.Network.Contains(ip))
                .OrderByDescending(m => m.Network.PrefixLength)
                .FirstOrDefault();
            if (best.Entry is null)
            {
                await context.Error.WriteLineAsync($"{text} does not map to any identity");
                return 1;
            }
            await context.Out.WriteLineAsync($"{text} maps to identity {best.Entry.Value}");
            return 0;
        }));
        return command;
    }
}
