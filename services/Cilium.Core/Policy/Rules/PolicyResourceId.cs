namespace Cilium.Core.Policy.Rules;

/// <summary>Names one manifest: its kind, namespace (null for a clusterwide policy) and name.</summary>
public readonly record struct PolicyResourceId(PolicyKind Kind, string? Namespace, string Name)
{
    public override string ToString() => Namespace is null ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";
}
