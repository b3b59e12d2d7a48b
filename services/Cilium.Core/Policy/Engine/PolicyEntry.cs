using Cilium.Core.Policy.Rules;

namespace Cilium.Core.Policy.Engine;

/// <summary>
/// The value of a desired policy map entry: allow or deny, and the rules that produced that verdict for this key
/// (sorted by name; synthesised entries name their reason). Two entries are equal when verdict and rule names are.
/// </summary>
public sealed class PolicyEntry : IEquatable<PolicyEntry>
{
    private readonly RuleOrigin[] _rules;

    public PolicyEntry(PolicyVerdict verdict, IEnumerable<RuleOrigin> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Verdict = verdict;
        _rules = [.. rules];
        Array.Sort(_rules);
    }

    public PolicyVerdict Verdict { get; }
    public bool IsDeny => Verdict == PolicyVerdict.Deny;
    public IReadOnlyList<RuleOrigin> Rules => _rules;

    public bool Equals(PolicyEntry? other)
    {
        if (other is null || other.Verdict != Verdict || other._rules.Length != _rules.Length)
        {
            return false;
        }
        for (var i = 0; i < _rules.Length; i++)
        {
            if (!ReferenceEquals(_rules[i], other._rules[i]) && _rules[i].Name != other._rules[i].Name)
            {
                return false;
            }
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as PolicyEntry);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Verdict);
        foreach (var r in _rules)
        {
            hash.Add(r.Name, StringComparer.Ordinal);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => $"{Verdict} [{string.Join(", ", _rules.Select(r => r.Name))}]";
}
