using System.Collections;
using System.Security.Cryptography;
using System.Text;

namespace Cilium.Core.Labels;

/// <summary>
/// An immutable set of labels with unique keys, kept sorted by key. Two sets with the same labels are equal
/// whatever order they were given in, and render the same identity key.
/// </summary>
public sealed class LabelSet : IReadOnlyList<Label>, IEquatable<LabelSet>
{
    private readonly Label[] _labels;
    private string? _key;
    private string? _sha256;

    public static LabelSet Empty { get; } = new([]);

    private LabelSet(Label[] sortedUnique) => _labels = sortedUnique;

    /// <summary>Builds a set; identical duplicates collapse, the same key with another source or value is an error.</summary>
    public static LabelSet From(IEnumerable<Label> labels)
    {
        var byKey = new Dictionary<string, Label>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            if (byKey.TryGetValue(label.Key, out var existing) && existing != label)
            {
                throw new LabelException(label.ToString(), $"key '{label.Key}' is given twice with different values ('{existing}' and '{label}')");
            }
            byKey[label.Key] = label;
        }
        var array = byKey.Values.ToArray();
        Array.Sort(array);
        return new LabelSet(array);
    }

    /// <summary>Parses every text with <see cref="LabelParser.Parse"/> and builds a set.</summary>
    public static LabelSet Parse(IEnumerable<string> texts) => From(texts.Select(LabelParser.Parse));

    public int Count => _labels.Length;
    public Label this[int index] => _labels[index];

    public bool TryGet(string key, out Label label)
    {
        foreach (var l in _labels)
        {
            if (string.Equals(l.Key, key, StringComparison.Ordinal))
            {
                label = l;
                return true;
            }
        }
        label = default;
        return false;
    }

    public bool Contains(Label label) => Array.BinarySearch(_labels, label) >= 0;

    /// <summary>True when every label of <paramref name="other"/> is in this set.</summary>
    public bool ContainsAll(LabelSet other) => other._labels.All(Contains);

    /// <summary>
    /// The identity key string that must never change (<c>pkg/identity/key/global_identity.go</c>):
    /// labels sorted by key, each as <c>source:key=value;</c>, concatenated.
    /// </summary>
    public string IdentityKey => _key ??= string.Concat(_labels.Select(l => l.ToKeyForm()));

    /// <summary>Hex SHA-256 of <see cref="IdentityKey"/>: the <c>labelsSHA256</c> field and the store key of the set.</summary>
    public string Sha256 => _sha256 ??= Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(IdentityKey)));

    /// <summary>The sorted labels in <c>source:key=value</c> text form.</summary>
    public IReadOnlyList<string> ToStrings() => _labels.Select(l => l.ToString()).ToArray();

    public LabelSet Where(Func<Label, bool> predicate) => new(_labels.Where(predicate).ToArray());

    public IEnumerator<Label> GetEnumerator() => ((IEnumerable<Label>)_labels).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _labels.GetEnumerator();

    public bool Equals(LabelSet? other) => other is not null && _labels.AsSpan().SequenceEqual(other._labels);
    public override bool Equals(object? obj) => Equals(obj as LabelSet);
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(IdentityKey);
    public override string ToString() => string.Join(",", _labels);
}
