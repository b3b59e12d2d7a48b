using System.Text.Json;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;

namespace Cilium.Dbg.Printing;

/// <summary>Small renderings shared by several tables.</summary>
public static class ModelText
{
    /// <summary>The JSON name of a state (<c>waiting-for-identity</c>), taken from the contract so the two never differ.</summary>
    public static string State(EndpointState state) =>
        JsonSerializer.Serialize(state, CiliumJsonContext.Default.EndpointState).Trim('"');

    /// <summary>One label per line, sorted, as cilium-dbg lists them.</summary>
    public static string Labels(IEnumerable<string>? labels) =>
        string.Join('\n', (labels ?? []).Order(StringComparer.Ordinal));

    /// <summary>cilium-dbg's enforcement column: <c>Enabled</c>, <c>Disabled</c> or <c>Disabled (Audit)</c>.</summary>
    public static string Enforcement(string? policyEnabled, string direction) => policyEnabled switch
    {
        EndpointPolicyEnabled.Both => "Enabled",
        EndpointPolicyEnabled.AuditBoth => "Disabled (Audit)",
        _ when policyEnabled == direction => "Enabled",
        _ when policyEnabled == "audit-" + direction => "Disabled (Audit)",
        _ => "Disabled",
    };
}
