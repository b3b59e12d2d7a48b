using System.Text;
using System.Text.Json;
using Cilium.Cli.Infrastructure;
using Cilium.Cli.Lab;

namespace Cilium.Cli.Connectivity;

/// <summary>
/// Applies and deletes the test's policies through the policy service, and waits until every agent enforces them:
/// the manifests show up in (or vanish from) each agent's <c>GET /v1/policy</c> and each local endpoint has been
/// regenerated at least at the agent's policy revision.
/// </summary>
public sealed class PolicyClient(LabState state, TimeSpan timeout) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(state.PolicyUrl), Timeout = TimeSpan.FromSeconds(30) };

    public async Task ApplyAsync(IReadOnlyList<PolicyManifest> policies, CancellationToken ct)
    {
        if (policies.Count == 0)
        {
            return;
        }
        var body = string.Join("---\n", policies.Select(p => p.Yaml));
        using var content = new StringContent(body, Encoding.UTF8, "application/yaml");
        using var response = await _http.PostAsync("/v1/policies", content, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"policy service refused the policies ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(ct)}");
        }
        await WaitAgentsAsync(policies, present: true, ct);
    }

    public async Task DeleteAsync(string ns, IReadOnlyList<PolicyManifest> policies, CancellationToken ct)
    {
        foreach (var p in policies)
        {
            using var response = await _http.DeleteAsync($"/v1/namespaces/{ns}/{p.Resource}/{p.Name}", ct);
            if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.NotFound)
            {
                throw new InvalidOperationException($"policy service could not delete {p.Resource}/{p.Name} ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(ct)}");
            }
        }
        await WaitAgentsAsync(policies, present: false, ct);
    }

    private async Task WaitAgentsAsync(IReadOnlyList<PolicyManifest> policies, bool present, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        foreach (var agent in state.Agents)
        {
            using var client = new AgentClient(agent.Node.Socket);
            DateTime? seen = null;
            while (true)
            {
                var policy = await client.GetPolicyAsync(ct);
                var names = Names(policy.Policy);
                var done = policies.All(p => names.Contains(p.Name) == present);
                seen ??= done ? DateTime.UtcNow : null;
                // An endpoint the change does not concern may keep its older revision; the import itself is
                // synchronous in the agent's loop, so a short grace after it is enough for those.
                if (done && (await EndpointsAtAsync(client, policy.Revision, ct) || DateTime.UtcNow - seen > TimeSpan.FromSeconds(1)))
                {
                    break;
                }
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"policies {string.Join(", ", policies.Select(p => p.Name))} not {(present ? "enforced" : "removed")} by the agent of {agent.Node.Name} after {timeout.TotalSeconds:0} s");
                }
                await Task.Delay(50, ct);
            }
        }
    }

    private static async Task<bool> EndpointsAtAsync(AgentClient client, long revision, CancellationToken ct)
    {
        var endpoints = await client.GetEndpointsAsync(ct);
        return endpoints.All(e => e.Status?.Policy?.Realized?.PolicyRevision >= revision);
    }

    /// <summary>The <c>metadata.name</c> of every manifest an agent holds.</summary>
    public static HashSet<string> Names(string policyJson)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(string.IsNullOrEmpty(policyJson) ? "[]" : policyJson);
        foreach (var m in doc.RootElement.EnumerateArray())
        {
            if (m.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("name", out var name) && name.GetString() is { } n)
            {
                names.Add(n);
            }
        }
        return names;
    }

    public void Dispose() => _http.Dispose();
}
