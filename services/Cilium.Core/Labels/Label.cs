namespace Cilium.Core.Labels;

/// <summary>One label: <c>source:key=value</c>. Construct through <see cref="LabelParser"/>, which validates.</summary>
public readonly record struct Label(string Source, string Key, string Value) : IComparable<Label>
{
    /// <summary>Cilium's text form: <c>source:key=value</c>, or <c>source:key</c> when the value is empty.</summary>
    public override string ToString() => Value.Length == 0 ? $"{Source}:{Key}" : $"{Source}:{Key}={Value}";

    /// <summary>The form used in the identity key: always with '=' and a trailing ';' (<c>Label.FormatForKVStore</c>).</summary>
    public string ToKeyForm() => $"{Source}:{Key}={Value};";

    /// <summary>Order by key, then source, then value, all ordinal: the order of identity keys and answers.</summary>
    public int CompareTo(Label other)
    {
        var c = string.CompareOrdinal(Key, other.Key);
        if (c != 0)
        {
            return c;
        }
        c = string.CompareOrdinal(Source, other.Source);
        return c != 0 ? c : string.CompareOrdinal(Value, other.Value);
    }
}
