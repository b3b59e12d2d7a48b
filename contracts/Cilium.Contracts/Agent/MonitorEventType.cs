namespace Cilium.Contracts.Agent;

/// <summary>Values of <see cref="MonitorEvent.Type"/> and of the <c>type</c> query of the monitor stream (Cilium's <c>monitor -t</c> names).</summary>
public static class MonitorEventType
{
    public const string Drop = "drop";
    public const string Trace = "trace";
    public const string PolicyVerdict = "policy-verdict";

    public static IReadOnlyList<string> All { get; } = [Drop, Trace, PolicyVerdict];
}
