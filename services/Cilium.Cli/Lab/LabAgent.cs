namespace Cilium.Cli.Lab;

/// <summary>A node of a running lab with the pid of its agent.</summary>
public sealed record LabAgent(LabNode Node, int Pid);
