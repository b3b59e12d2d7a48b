using Cilium.Core.Labels;

namespace Cilium.Core.Policy.Selectors;

/// <summary>
/// One requirement of an <see cref="EndpointSelector"/> over a label <c>source:key</c>. Source <c>any</c> matches a
/// label of that key whatever its source (Cilium's <c>LabelSourceAny</c>, <c>pkg/labels/labels.go</c>).
/// Values are kept sorted and unique so equal requirements render equal canonical text.
/// </summary>
public sealed class SelectorRequirement : IEquatable<SelectorRequirement>, IComparable<SelectorRequirement>
{
    private readonly string[] _values;
    private readonly bool _anySource;

    public SelectorRequirement(string source, string key, SelectorOperator op, IEnumerable<string>? values = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(key);
        Source = source;
        Key = key;
        Operator = op;
        _anySource = source == LabelSources.Any;
        var sorted = new SortedSet<string>(values ?? [], StringComparer.Ordinal);
        _values = [.. sorted];
        Canonical = _values.Length == 0
            ? $"{source}:{key} {op}"
            : $"{source}:{key} {op} ({string.Join(',', _values)})";
    }

    public string Source { get; }
    public string Key { get; }
    public SelectorOperator Operator { get; }
    public IReadOnlyList<string> Values => _values;

    /// <summary>Text that is equal for equal requirements: <c>source:key Op (v1,v2)</c>.</summary>
    public string Canonical { get; }

    public bool Matches(LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var found = labels.TryGet(Key, out var label) && (_anySource || label.Source == Source);
        return Operator switch
        {
            SelectorOperator.In => found && HasValue(label.Value),
            SelectorOperator.NotIn => !found || !HasValue(label.Value),
            SelectorOperator.Exists => found,
            SelectorOperator.DoesNotExist => !found,
            _ => false,
        };
    }

    private bool HasValue(string value)
    {
        var values = _values;
        if (values.Length == 1)
        {
            return string.Equals(values[0], value, StringComparison.Ordinal);
        }
        return Array.BinarySearch(values, value, StringComparer.Ordinal) >= 0;
    }

    public bool Equals(SelectorRequirement? other) => other is not null && Canonical == other.Canonical;
    public override bool Equals(object? obj) => Equals(obj as SelectorRequirement);
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Canonical);
    public int CompareTo(SelectorRequirement? other) => string.CompareOrdinal(Canonical, other?.Canonical);
    public override string ToString() => Canonical;
}
