namespace Cilium.Cli.Lab;

/// <summary>No lab of that name is up; the message says how to start one.</summary>
public sealed class LabNotFoundException(string name, string stateFile)
    : Exception($"no lab '{name}' is running ({stateFile} not found); start one with 'cilium lab up --name {name}'");
