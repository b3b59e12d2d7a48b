namespace Cilium.Dbg.Client;

/// <summary>An agent answer both ways: the model for tables and the exact JSON text for <c>-o json</c>.</summary>
public sealed record AgentDocument<T>(T Value, string Json);
