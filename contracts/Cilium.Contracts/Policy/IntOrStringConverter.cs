using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>
/// Kubernetes' IntOrString held as text: reads a number or a string, writes a number when the text is an integer
/// so a manifest round-trips to the shape the API server expects.
/// </summary>
public sealed class IntOrStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => StringOrNumberConverter.NumberText(ref reader),
            _ => throw new JsonException("expected an integer or a string"),
        };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
