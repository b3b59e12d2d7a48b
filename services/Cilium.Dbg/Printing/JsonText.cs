using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cilium.Dbg.Printing;

/// <summary>Prints the agent's JSON as it came, indented, for <c>-o json</c>: unknown fields survive, nothing is re-modelled.</summary>
public static class JsonText
{
    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        // A terminal, not a web page: print '<none>' and '+' as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Indent(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            document.WriteTo(writer);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Task WriteAsync(TextWriter output, string json)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.WriteLineAsync(Indent(json));
    }
}
