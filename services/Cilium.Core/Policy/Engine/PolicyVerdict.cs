namespace Cilium.Core.Policy.Engine;

/// <summary>What a policy map entry, or a trace, says about traffic.</summary>
public enum PolicyVerdict
{
    Allow,
    Deny,
}
