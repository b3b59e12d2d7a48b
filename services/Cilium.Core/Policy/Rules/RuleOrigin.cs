using Cilium.Core.Labels;

namespace Cilium.Core.Policy.Rules;

/// <summary>
/// Where a rule (or a synthesised entry) comes from: the manifest, the index of the rule in it and the rule labels
/// Cilium attaches on import (<c>k8s:io.cilium.k8s.policy.derived-from</c>, <c>.name</c>, <c>.namespace</c>,
/// <c>.uid</c>; <c>pkg/k8s/apis/cilium.io/utils/utils.go</c> <c>GetPolicyLabels</c>) plus the rule's own labels.
/// Synthesised origins (policy not enforced, allow-localhost, non-default-deny) have no resource.
/// </summary>
public sealed class RuleOrigin : IComparable<RuleOrigin>
{
    public const string DerivedFromKey = "io.cilium.k8s.policy.derived-from";
    public const string NameKey = "io.cilium.k8s.policy.name";
    public const string NamespaceKey = "io.cilium.k8s.policy.namespace";
    public const string UidKey = "io.cilium.k8s.policy.uid";

    public RuleOrigin(PolicyResourceId resource, int index, LabelSet labels)
    {
        Resource = resource;
        Index = index;
        Labels = labels;
        Name = $"{resource}[{index}]";
    }

    private RuleOrigin(string name)
    {
        Name = name;
        Labels = LabelSet.Empty;
        Index = -1;
    }

    /// <summary>Allow-all entry of a direction that no rule enforces.</summary>
    public static RuleOrigin NotEnforced { get; } = new("(policy not enforced)");

    /// <summary>Allow-all entry Cilium synthesises when only non-default-deny rules select the endpoint.</summary>
    public static RuleOrigin NonDefaultDeny { get; } = new("(enableDefaultDeny=false: allow all)");

    /// <summary>Ingress from the local host, allowed while <c>allow-localhost</c> is on (Cilium's default).</summary>
    public static RuleOrigin AllowLocalhost { get; } = new("(allow-localhost)");

    public PolicyResourceId? Resource { get; }
    public int Index { get; }
    public LabelSet Labels { get; }

    /// <summary>Display name: <c>Kind/namespace/name[index]</c>, or the reason of a synthesised entry.</summary>
    public string Name { get; }

    public bool IsSynthesised => Resource is null;

    private Engine.PolicyEntry? _allowEntry;
    private Engine.PolicyEntry? _denyEntry;

    /// <summary>
    /// The entry this rule alone gives a key, created once and shared: most keys come from one rule, and sharing keeps
    /// a node's maps from allocating one entry object per key.
    /// </summary>
    internal Engine.PolicyEntry EntryFor(Engine.PolicyVerdict verdict) => verdict == Engine.PolicyVerdict.Deny
        ? _denyEntry ??= new Engine.PolicyEntry(verdict, [this])
        : _allowEntry ??= new Engine.PolicyEntry(verdict, [this]);

    public int CompareTo(RuleOrigin? other) => string.CompareOrdinal(Name, other?.Name);
    public override string ToString() => Name;
}
