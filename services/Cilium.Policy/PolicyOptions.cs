using System.ComponentModel.DataAnnotations;
using Cilium.Core.Policy.Engine;

namespace Cilium.Policy;

/// <summary>Settings of the policy service (section <c>Policy</c>).</summary>
public sealed class PolicyOptions
{
    public const string SectionName = "Policy";

    /// <summary>The JetStream key-value bucket that is the source of truth for policies and the policy revision.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_-]+$")]
    public string Bucket { get; set; } = "cilium-policies";

    /// <summary>Enforcement mode the trace assumes: Default, Always or Never (Cilium's <c>enable-policy</c>).</summary>
    public PolicyEnforcementMode EnforcementMode { get; set; } = PolicyEnforcementMode.Default;

    /// <summary>How long a write waits for this replica's view to include it, so a read after a write sees the write.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ReadYourWritesTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
