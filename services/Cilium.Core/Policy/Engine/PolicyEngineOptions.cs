namespace Cilium.Core.Policy.Engine;

/// <summary>Settings of a <see cref="PolicyEngine"/>, with Cilium's defaults.</summary>
public sealed record PolicyEngineOptions
{
    /// <summary>The local cluster's name: the <c>cluster</c> entity selects identities labelled with it.</summary>
    public string ClusterName { get; init; } = "default";

    public PolicyEnforcementMode EnforcementMode { get; init; } = PolicyEnforcementMode.Default;

    /// <summary>
    /// Always allow ingress from the local host (<c>allow-localhost</c>, default <c>auto</c>, which allows it on
    /// Kubernetes so kubelet probes keep working). A deny rule from <c>host</c> still wins.
    /// </summary>
    public bool AllowLocalhost { get; init; } = true;
}
