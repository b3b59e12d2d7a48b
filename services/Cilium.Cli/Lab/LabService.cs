namespace Cilium.Cli.Lab;

/// <summary>A control-plane process of the lab (NATS or a cilium-* service) and where it listens.</summary>
public sealed record LabService(string Name, string Url, string ReadyUrl, int Pid, string LogFile);
