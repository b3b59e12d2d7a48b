using System.Net;
using Cilium.Core.Labels;

namespace Cilium.Core.Policy;

/// <summary>
/// An identity as the policy engine sees it: its number, its labels and, for a CIDR identity, the prefix its
/// <c>cidr:</c> label names (parsed once, so CIDR selectors never parse text on the hot path).
/// </summary>
public sealed class PolicyIdentity
{
    public PolicyIdentity(uint id, LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        Id = id;
        Labels = labels;
        foreach (var label in labels)
        {
            if (label.Source == LabelSources.Cidr && CidrText.TryParse(label.Key, out var prefix))
            {
                Cidr = prefix;
                break;
            }
        }
    }

    public uint Id { get; }
    public LabelSet Labels { get; }
    public IPNetwork? Cidr { get; }

    public override string ToString() => $"{Id} [{Labels}]";
}
