using System.CommandLine;
using System.Globalization;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Dbg.Client;
using Cilium.Dbg.Commands.Endpoints;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands.Bpf;

/// <summary>
/// <c>cilium-dbg bpf policy get &lt;ep&gt; | --all [-n]</c>. Calls GET /v1/map/cilium_policy_v2_NNNNN per endpoint
/// (GET /v1/endpoint for <c>--all</c>, GET /v1/endpoint/{id} when the id is not numeric, GET /v1/identity/{id} for labels).
/// Entry text forms: see <see cref="PolicyEntryText"/>.
/// </summary>
public static class PolicyGetCommand
{
    public static Command Create(DbgContext context)
    {
        var endpoint = new Argument<string?>("endpoint") { Description = "Endpoint id", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Dump all policy maps" };
        var numeric = new Option<bool>("--numeric", "-n") { Description = "Do not resolve IDs" };
        var output = OutputOption.Create();
        var command = new Command("get", "List contents of a policy BPF map") { endpoint, all, numeric, output };
        command.Validators.Add(result =>
        {
            var hasEndpoint = result.GetValue(endpoint) is not null;
            if (hasEndpoint == result.GetValue(all))
            {
                result.AddError("give either an endpoint id or --all");
            }
        });
        command.SetAction((parse, ct) => context.RunAsync(parse, async client =>
        {
            var ids = parse.GetValue(all)
                ? (await client.GetOrNullAsync(AgentPaths.Endpoints, CiliumJsonContext.Default.EndpointArray, ct))?.Value.Select(e => e.Id).Order().ToList() ?? []
                : [await LocalIdAsync(client, parse.GetValue(endpoint)!, ct)];
            var labels = parse.GetValue(numeric) ? null : new IdentityLabelResolver(client);
            var maps = new List<BPFMap>();
            var json = new List<string>();
            foreach (var id in ids)
            {
                var map = await client.GetAsync(AgentPaths.Map(AgentPaths.PolicyMapName(id)), CiliumJsonContext.Default.BPFMap, ct);
                maps.Add(map.Value);
                json.Add(map.Json);
            }
            if (parse.IsJson(output))
            {
                await JsonText.WriteAsync(context.Out, parse.GetValue(all) ? "[" + string.Join(",", json) + "]" : json[0]);
                return 0;
            }
            foreach (var map in maps)
            {
                if (parse.GetValue(all))
                {
                    await context.Out.WriteLineAsync(map.Path + ":");
                    await context.Out.WriteLineAsync();
                }
                await WriteMapAsync(context.Out, map, labels, ct);
                if (parse.GetValue(all))
                {
                    await context.Out.WriteLineAsync();
                }
            }
            return 0;
        }));
        return command;
    }

    private static async Task<long> LocalIdAsync(AgentClient client, string text, CancellationToken ct)
    {
        if (!EndpointIdSpec.TryParse(text, out var spec, out var error))
        {
            throw new UsageException(error);
        }
        if (spec.LocalId is { } local)
        {
            return local;
        }
        var found = await client.GetAsync(AgentPaths.Endpoint(EndpointCommand.ParseId(text)), CiliumJsonContext.Default.Endpoint, ct);
        return found.Value.Id;
    }

    private static async Task WriteMapAsync(TextWriter output, BPFMap map, IdentityLabelResolver? labels, CancellationToken ct)
    {
        var entries = (map.Cache ?? []).Select(PolicyEntryText.Parse).ToList();
        if (entries.Count == 0)
        {
            await output.WriteLineAsync("Policy stats empty. Perhaps the policy enforcement is disabled?");
            return;
        }
        var rows = new List<IReadOnlyList<string>>();
        foreach (var e in entries.OrderBy(e => e.Direction == "Ingress" ? 0 : 1).ThenBy(e => e.Identity).ThenBy(e => e.PortProto, StringComparer.Ordinal))
        {
            var peer = labels is null
                ? e.Identity.ToString(CultureInfo.InvariantCulture)
                : ModelText.Labels(await labels.LabelsAsync(e.Identity, ct));
            rows.Add(
            [
                e.Policy,
                e.Direction,
                peer,
                e.PortProto,
                e.ProxyPort == 0 ? "NONE" : e.ProxyPort.ToString(CultureInfo.InvariantCulture),
                e.AuthType,
                e.Bytes.ToString(CultureInfo.InvariantCulture),
                e.Packets.ToString(CultureInfo.InvariantCulture),
                e.Prefix,
            ]);
        }
        var peerHeader = labels is null ? "IDENTITY" : "LABELS (source:key[=value])";
        await Table.WriteAsync(output, ["POLICY", "DIRECTION", peerHeader, "PORT/PROTO", "PROXY PORT", "AUTH TYPE", "BYTES", "PACKETS", "PREFIX"], rows);
    }
}
