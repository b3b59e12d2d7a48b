namespace Cilium.Core.Policy.Rules;

/// <summary>The manifest kinds rules come from; the names are the <c>derived-from</c> label values Cilium uses.</summary>
public enum PolicyKind
{
    CiliumNetworkPolicy,
    CiliumClusterwideNetworkPolicy,
    NetworkPolicy,
}
