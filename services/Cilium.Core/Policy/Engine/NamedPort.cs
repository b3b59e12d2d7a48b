namespace Cilium.Core.Policy.Engine;

/// <summary>A container port name and what it stands for (<c>namedPorts</c> of an endpoint).</summary>
public readonly record struct NamedPort(string Name, ushort Port, byte Protocol);
