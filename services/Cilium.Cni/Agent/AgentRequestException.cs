using System.Net;

namespace Cilium.Cni.Agent;

/// <summary>The agent answered with an error status; the message carries its problem detail.</summary>
public sealed class AgentRequestException(string operation, HttpStatusCode status, string detail)
    : Exception($"{operation}: the agent answered {(int)status} {status}: {detail}")
{
    public HttpStatusCode Status { get; } = status;

    public string Detail { get; } = detail;
}
