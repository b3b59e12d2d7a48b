namespace Cilium.Cli.Lab;

/// <summary><c>lab up</c> refused before creating anything (the lab exists, leftovers, a part not built).</summary>
public sealed class LabConflictException(string message) : Exception(message);
