using System.CommandLine;
using System.Globalization;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands.Endpoints;

/// <summary><c>cilium-dbg endpoint list</c>. Calls GET /v1/endpoint.</summary>
public static class EndpointListCommand
{
    public static Command Create(DbgContext context)
    {
        var output = OutputOption.Create();
        var command = new Command("list", "List all endpoints") { output };
        command.Aliases.Add("ls");
        command.SetAction((parse, ct) => context.RunAsync(parse, async client =>
        {
            // Cilium answers 404 when no endpoint matches a filter; for a listing that is simply none.
            var endpoints = await client.GetOrNullAsync(AgentPaths.Endpoints, CiliumJsonContext.Default.EndpointArray, ct);
            if (parse.IsJson(output))
            {
                await JsonText.WriteAsync(context.Out, endpoints?.Json ?? "[]");
                return 0;
            }
            var rows = (endpoints?.Value ?? []).OrderBy(e => e.Id).Select(Row);
            await Table.WriteHeadersAsync(context.Out,
                [
                    ["ENDPOINT", "POLICY (ingress)", "POLICY (egress)", "IDENTITY", "LABELS (source:key[=value])", "IPv6", "IPv4", "STATUS"],
                    ["", "ENFORCEMENT", "ENFORCEMENT", "", "", "", "", ""],
                ],
                rows);
            return 0;
        }));
        return command;
    }

    private static IReadOnlyList<string> Row(Endpoint endpoint)
    {
        var status = endpoint.Status;
        var enabled = status?.Policy?.Realized?.PolicyEnabled;
        var address = status?.Networking?.Addressing is { Count: > 0 } a ? a[0] : null;
        return
        [
            endpoint.Id.ToString(CultureInfo.InvariantCulture),
            ModelText.Enforcement(enabled, EndpointPolicyEnabled.Ingress),
            ModelText.Enforcement(enabled, EndpointPolicyEnabled.Egress),
            status?.Identity?.Id.ToString(CultureInfo.InvariantCulture) ?? "",
            ModelText.Labels(status?.Labels?.SecurityRelevant ?? status?.Identity?.Labels),
            address?.Ipv6 ?? "",
            address?.Ipv4 ?? "",
            status is null ? "" : ModelText.State(status.State),
        ];
    }
}
