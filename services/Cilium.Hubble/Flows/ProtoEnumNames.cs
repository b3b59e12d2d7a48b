using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using Google.Protobuf.Reflection;

namespace Cilium.Hubble.Flows;

/// <summary>The .proto names of generated enum values (<c>POLICY_DENIED</c>, <c>FORWARDED</c>), as Cilium prints and parses them.</summary>
public static class ProtoEnumNames<T>
    where T : struct, Enum
{
    private static readonly FrozenDictionary<T, string> Names = typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
        .ToFrozenDictionary(f => (T)f.GetValue(null)!, f => f.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? f.Name);

    private static readonly FrozenDictionary<string, T> Values = Names
        .GroupBy(n => n.Value, StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(g => g.Key, g => g.First().Key, StringComparer.OrdinalIgnoreCase);

    public static string Name(T value) =>
        Names.TryGetValue(value, out var name) ? name : Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out T value) => Values.TryGetValue(text, out value);

    public static IEnumerable<string> All => Names.Values;
}
