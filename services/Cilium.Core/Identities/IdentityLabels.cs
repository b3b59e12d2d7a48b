using Cilium.Core.Labels;

namespace Cilium.Core.Identities;

/// <summary>Turns the labels a workload arrives with into the label set its identity is allocated for.</summary>
public sealed class IdentityLabels(SecurityLabelFilter filter)
{
    /// <summary>
    /// Parses, filters and checks <paramref name="texts"/>. Reserved labels are only accepted alone (they name a
    /// reserved identity); cluster identities never carry them.
    /// </summary>
    public LabelSet Resolve(IReadOnlyList<string>? texts)
    {
        if (texts is null || texts.Count == 0)
        {
            throw new LabelException("", "at least one label is required");
        }
        var all = LabelSet.Parse(texts);
        var relevant = filter.Filter(all);
        if (relevant.Count == 0)
        {
            throw new LabelException(string.Join(",", texts), "no security-relevant label remains after filtering");
        }
        if (ReservedIdentities.Match(relevant) is null && relevant.Any(l => l.Source == LabelSources.Reserved))
        {
            var reserved = relevant.First(l => l.Source == LabelSources.Reserved);
            throw new LabelException(reserved.ToString(), "reserved labels name a reserved identity and cannot be combined with other labels");
        }
        return relevant;
    }
}
