namespace Cilium.Core.Policy.Engine;

/// <summary>Cilium's <c>enable-policy</c> (<c>pkg/option/runtime_options.go</c>); the default is <see cref="Default"/>.</summary>
public enum PolicyEnforcementMode
{
    /// <summary>A direction is enforced for an endpoint once a rule selecting it has rules in that direction.</summary>
    Default,

    /// <summary>Every endpoint is default-deny in both directions.</summary>
    Always,

    /// <summary>Nothing is enforced, not even deny rules.</summary>
    Never,
}
