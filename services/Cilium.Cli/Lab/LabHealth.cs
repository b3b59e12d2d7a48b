namespace Cilium.Cli.Lab;

/// <summary>Whether a lab's recorded processes still run.</summary>
public static class LabHealth
{
    public static bool AllAlive(LabState state) =>
        state.Services.All(s => LabProcesses.BelongsTo(s.Pid, state.Name)) &&
        state.Agents.All(a => LabProcesses.BelongsTo(a.Pid, state.Name));
}
