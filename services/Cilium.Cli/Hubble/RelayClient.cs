using System.Globalization;
using System.Text.Json;

namespace Cilium.Cli.Hubble;

/// <summary>
/// The lab relay's REST face as the CLI needs it: which nodes it reaches (<c>/v1/status</c>) and recent flows
/// (<c>/v1/flows</c>, the proto3 JSON of <c>GetFlowsResponse</c> with .proto field names).
/// </summary>
public sealed class RelayClient(string httpUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(httpUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(15) };

    public async Task<RelayNodes> NodesAsync(CancellationToken ct)
    {
        using var doc = JsonDocument.Parse(await GetAsync("v1/status", ct));
        var root = doc.RootElement;
        var unavailable = root.TryGetProperty("unavailable_nodes", out var u) ? u.EnumerateArray().Select(e => e.GetString() ?? "").ToList() : [];
        return new RelayNodes(Count(root, "num_connected_nodes"), Count(root, "num_unavailable_nodes"), unavailable);
    }

    /// <summary>Flows since <paramref name="since"/> that match the relay's filters (hubble observe's flag names).</summary>
    public async Task<IReadOnlyList<HubbleFlow>> FlowsAsync(DateTimeOffset since, IEnumerable<KeyValuePair<string, string>> filters, CancellationToken ct)
    {
        var query = string.Join('&', new[] { new KeyValuePair<string, string>("since", since.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)), new("all", "true") }
            .Concat(filters)
            .Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}"));
        using var doc = JsonDocument.Parse(await GetAsync("v1/flows?" + query, ct));
        return doc.RootElement.EnumerateArray()
            .Where(r => r.TryGetProperty("flow", out _))
            .Select(r => HubbleFlow.From(r.GetProperty("flow")))
            .ToList();
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A body, or one exception the CLI reports as a line: an HTTP error status, or a relay too slow to answer.</summary>
    private async Task<string> GetAsync(string path, CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync(path, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            return response.IsSuccessStatusCode
                ? body
                : throw new InvalidOperationException($"hubble-relay answered {(int)response.StatusCode} to GET /{path}: {body}");
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"hubble-relay at {_http.BaseAddress} did not answer GET /{path} within {_http.Timeout.TotalSeconds:0} s", e);
        }
    }

    private static int Count(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
}
