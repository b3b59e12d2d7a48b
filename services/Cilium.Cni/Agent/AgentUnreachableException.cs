namespace Cilium.Cni.Agent;

/// <summary>No agent answered on the socket: not running, restarting, or a wrong <c>socket-path</c>.</summary>
public sealed class AgentUnreachableException(string socketPath, string reason, Exception? inner = null)
    : Exception($"cannot reach the Cilium agent at {socketPath}: is it running? ({reason})", inner)
{
    public string SocketPath { get; } = socketPath;
}
