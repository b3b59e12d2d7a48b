using System.Text;

namespace Cilium.Policy.Apis;

/// <summary>Reads a manifest body as text: JSON or YAML, told apart by the parser, gated by the content type.</summary>
public static class ManifestBody
{
    public static readonly string[] ContentTypes = ["application/json", "application/yaml", "application/x-yaml", "text/yaml"];

    public static bool IsAccepted(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return true; // curl without -H: let the parser decide
        }
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return ContentTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase) ||
               mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase) ||
               mediaType.EndsWith("+yaml", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The body as UTF-8 text; Kestrel's body limit throws a 413 while reading.</summary>
    public static async Task<string> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
