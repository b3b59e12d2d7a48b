using System.Net;
using System.Text.Json;

namespace Cilium.Dbg.Client;

/// <summary>
/// Turns an error answer into <see cref="AgentApiException"/>: RFC 7807 problem details (what our agent sends), a bare
/// JSON string (what Cilium's swagger server sends), or plain text.
/// </summary>
public static class ProblemReader
{
    public static AgentApiException ToException(HttpStatusCode status, string? reasonPhrase, string body)
    {
        var fallbackTitle = string.IsNullOrEmpty(reasonPhrase) ? $"HTTP {(int)status}" : reasonPhrase;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var title = Text(root, "title") ?? fallbackTitle;
                var detail = Text(root, "detail") ?? Text(root, "message") ?? Errors(root);
                return new AgentApiException(status, title, detail);
            }
            if (root.ValueKind == JsonValueKind.String)
            {
                return new AgentApiException(status, fallbackTitle, root.GetString());
            }
        }
        catch (JsonException)
        {
        }
        var firstLine = body.Split('\n', 2)[0].Trim();
        return new AgentApiException(status, fallbackTitle, firstLine.Length == 0 ? null : firstLine);
    }

    // A validation problem carries its reasons in "errors": {"field": ["why", ...]} and often no detail.
    private static string? Errors(JsonElement root)
    {
        if (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var reasons = errors.EnumerateObject()
            .SelectMany(field => field.Value.ValueKind == JsonValueKind.Array
                ? field.Value.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String).Select(m => $"{field.Name}: {m.GetString()}")
                : [])
            .ToList();
        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
