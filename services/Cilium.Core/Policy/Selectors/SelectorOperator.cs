namespace Cilium.Core.Policy.Selectors;

/// <summary>The operators of a Kubernetes label selector requirement.</summary>
public enum SelectorOperator
{
    In,
    NotIn,
    Exists,
    DoesNotExist,
}
