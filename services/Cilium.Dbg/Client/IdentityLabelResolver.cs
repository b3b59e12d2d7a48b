using System.Globalization;
using System.Net;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;

namespace Cilium.Dbg.Client;

/// <summary>
/// Labels of numeric identities for tables that show labels instead of numbers (<c>bpf policy get</c>, <c>ip list</c>),
/// asked of the agent once per identity. Calls GET /v1/identity/{id}.
/// </summary>
public sealed class IdentityLabelResolver(AgentClient client)
{
    private readonly Dictionary<long, IReadOnlyList<string>> _cache = [];

    public async Task<IReadOnlyList<string>> LabelsAsync(long identity, CancellationToken cancellationToken)
    {
        // Identity 0 in a policy key is the wildcard "any peer"; Cilium prints it as reserved:unknown.
        if (identity == 0)
        {
            return ["reserved:unknown"];
        }
        if (_cache.TryGetValue(identity, out var labels))
        {
            return labels;
        }
        var id = identity.ToString(CultureInfo.InvariantCulture);
        try
        {
            var found = await client.GetAsync(AgentPaths.Identity(id), CiliumJsonContext.Default.Identity, cancellationToken);
            labels = found.Value.Labels.Count > 0 ? found.Value.Labels : [id];
        }
        catch (AgentApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            labels = [id];
        }
        _cache[identity] = labels;
        return labels;
    }
}
