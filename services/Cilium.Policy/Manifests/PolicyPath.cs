using Cilium.Core.Policy.Rules;

namespace Cilium.Policy.Manifests;

/// <summary>The policy a Kubernetes-style path names; a manifest sent to it must agree with it.</summary>
public sealed record PolicyPath(PolicyKind Kind, string? Namespace, string Name)
{
    public PolicyResourceId Id => new(Kind, Namespace, Name);
}
