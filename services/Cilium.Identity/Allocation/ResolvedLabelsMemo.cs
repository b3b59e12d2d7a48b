using System.Collections.Concurrent;

namespace Cilium.Identity.Allocation;

/// <summary>
/// Remembers, for a raw label list exactly as a client sent it, the hash of the identity labels it resolved to.
/// Parsing, validating and filtering are pure functions of that list, so a hit is always right; only lists that
/// passed validation are remembered. Bounded: when full it starts over, which costs a re-parse, never a wrong answer.
/// </summary>
public sealed class ResolvedLabelsMemo
{
    private const int Capacity = 100_000;
    private readonly ConcurrentDictionary<string, string> _shaByRaw = new(StringComparer.Ordinal);

    public bool TryGet(IReadOnlyList<string>? labels, out string sha256)
    {
        if (labels is null || labels.Count == 0 || labels.Any(l => l is null || l.Contains('\n', StringComparison.Ordinal)))
        {
            sha256 = "";
            return false;
        }
        return _shaByRaw.TryGetValue(Key(labels), out sha256!);
    }

    public void Remember(IReadOnlyList<string> labels, string sha256)
    {
        if (_shaByRaw.Count >= Capacity)
        {
            _shaByRaw.Clear();
        }
        _shaByRaw[Key(labels)] = sha256;
    }

    // '\n' cannot occur inside a valid label, so the joined text identifies the list.
    private static string Key(IReadOnlyList<string> labels) => string.Join('\n', labels);
}
