using System.CommandLine;
using System.Globalization;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands.Policies;

/// <summary><c>cilium-dbg policy selectors</c>: the selector cache. Calls GET /v1/policy/selectors.</summary>
public static class PolicySelectorsCommand
{
    private const string NameLabel = "io.cilium.k8s.policy.name";
    private const string NamespaceLabel = "io.cilium.k8s.policy.namespace";

    public static Command Create(DbgContext context)
    {
        var output = OutputOption.Create();
        var command = new Command("selectors", "Display cached information about selectors") { output };
        command.Aliases.Add("selector");
        command.SetAction((parse, ct) => context.RunAsync(parse, async client =>
        {
            var selectors = await client.GetAsync(AgentPaths.PolicySelectors, CiliumJsonContext.Default.SelectorIdentityMappingArray, ct);
            if (parse.IsJson(output))
            {
                await JsonText.WriteAsync(context.Out, selectors.Json);
                return 0;
            }
            var rows = selectors.Value.OrderBy(s => s.Selector, StringComparer.Ordinal).Select(s => (IReadOnlyList<string>)
            [
                s.Selector,
                string.Join('\n', (s.Labels ?? []).Select(PolicyName).Distinct()),
                s.Users.ToString(CultureInfo.InvariantCulture),
                string.Join('\n', (s.Identities ?? []).Order().Select(i => i.ToString(CultureInfo.InvariantCulture))),
            ]);
            await Table.WriteAsync(context.Out, ["SELECTOR", "LABELS", "USERS", "IDENTITIES"], rows);
            return 0;
        }));
        return command;
    }

    /// <summary><c>namespace/name</c> of the policy a selector came from (just <c>name</c> for a clusterwide one).</summary>
    private static string PolicyName(IReadOnlyList<string> labels)
    {
        string? Value(string key) => labels
            .Select(l => l.Split(':', 2) is [_, var kv] ? kv : l)
            .Select(kv => kv.Split('=', 2))
            .FirstOrDefault(p => p.Length == 2 && p[0] == key)?[1];
        var name = Value(NameLabel);
        if (name is null)
        {
            return string.Join(",", labels);
        }
        return Value(NamespaceLabel) is { Length: > 0 } ns ? $"{ns}/{name}" : name;
    }
}
