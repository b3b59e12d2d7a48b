using System.Diagnostics;
using System.Globalization;

namespace Cilium.Cni.Commands;

/// <summary>
/// How long each step of one invocation took, for the log line (<c>steps: ipam=3 links=12 endpoint=20</c>): the log
/// is where a slow ADD on a node is explained without attaching a profiler.
/// </summary>
public sealed class StepTimings
{
    private readonly List<(string Step, double Ms)> _steps = [];
    private long _mark = Stopwatch.GetTimestamp();

    /// <summary>Closes the step that ran since the previous mark.</summary>
    public void Mark(string step)
    {
        var now = Stopwatch.GetTimestamp();
        _steps.Add((step, Stopwatch.GetElapsedTime(_mark, now).TotalMilliseconds));
        _mark = now;
    }

    public override string ToString() =>
        string.Join(' ', _steps.Select(s => $"{s.Step}={s.Ms.ToString("F0", CultureInfo.InvariantCulture)}"));
}
