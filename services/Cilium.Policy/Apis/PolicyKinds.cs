using Cilium.Core.Policy.Rules;

namespace Cilium.Policy.Apis;

/// <summary>The Kubernetes resource names of the policy kinds, as they appear in paths.</summary>
public static class PolicyKinds
{
    public const string CiliumNetworkPolicies = "ciliumnetworkpolicies";
    public const string CiliumClusterwideNetworkPolicies = "ciliumclusterwidenetworkpolicies";
    public const string NetworkPolicies = "networkpolicies";

    public static bool IsNamespaced(PolicyKind kind) => kind != PolicyKind.CiliumClusterwideNetworkPolicy;
}
