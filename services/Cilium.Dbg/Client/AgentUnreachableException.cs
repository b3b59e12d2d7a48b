namespace Cilium.Dbg.Client;

/// <summary>The socket could not be connected; the message names the socket and asks whether the agent is running.</summary>
public sealed class AgentUnreachableException(string socketPath, string reason, Exception inner)
    : Exception($"cannot connect to the agent at unix://{socketPath} ({reason}). Is the agent running?", inner)
{
    public string SocketPath { get; } = socketPath;
}
