using Cilium.Core.Errors;
using Cilium.Core.Labels;
using Cilium.Core.Policy.Rules;

namespace Cilium.Core.Policy.Parsing;

/// <summary>
/// The labels a rule is imported with (<c>GetPolicyLabels</c>, <c>pkg/k8s/apis/cilium.io/utils/utils.go</c>), so
/// every policy map entry can name the rules it came from. Values are taken as they are: a policy name may be longer
/// than a selector label value may.
/// </summary>
internal static class PolicyLabels
{
    public static RuleOrigin Origin(PolicyResourceId id, int index, string ruleName, string? uid, IReadOnlyList<Contracts.Policy.PolicyRuleLabel>? userLabels, string path)
    {
        var labels = new List<Label>
        {
            new(LabelSources.K8s, RuleOrigin.DerivedFromKey, id.Kind.ToString()),
            new(LabelSources.K8s, RuleOrigin.NameKey, ruleName),
        };
        if (id.Namespace is not null)
        {
            labels.Add(new Label(LabelSources.K8s, RuleOrigin.NamespaceKey, id.Namespace));
        }
        if (!string.IsNullOrEmpty(uid))
        {
            labels.Add(new Label(LabelSources.K8s, RuleOrigin.UidKey, uid));
        }
        if (userLabels is not null)
        {
            for (var i = 0; i < userLabels.Count; i++)
            {
                var l = userLabels[i];
                if (l is null || string.IsNullOrEmpty(l.Key))
                {
                    throw new InvalidInputException($"{path}.labels[{i}].key", "required");
                }
                var source = string.IsNullOrEmpty(l.Source) ? LabelSources.Unspec : l.Source;
                labels.Add(new Label(source, l.Key, l.Value ?? ""));
            }
        }
        try
        {
            return new RuleOrigin(id, index, LabelSet.From(labels));
        }
        catch (LabelException e)
        {
            throw new InvalidInputException($"{path}.labels", e.Message);
        }
    }
}
