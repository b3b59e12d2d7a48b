namespace Cilium.Core.Labels;

/// <summary>A label or label set that cannot be used; <see cref="Label"/> names the offending text.</summary>
public sealed class LabelException(string label, string reason) : Exception($"label '{label}': {reason}")
{
    public string Label { get; } = label;
    public string Reason { get; } = reason;
}
