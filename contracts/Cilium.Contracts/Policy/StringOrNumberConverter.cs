using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>
/// Reads a string field that users often write as a bare number (<c>port: 80</c> in YAML); always writes a string,
/// which is what Cilium's schema declares.
/// </summary>
public sealed class StringOrNumberConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => NumberText(ref reader),
            _ => throw new JsonException("expected a string or a number"),
        };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    internal static string NumberText(ref Utf8JsonReader reader) =>
        reader.TryGetInt64(out var whole)
            ? whole.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
}
