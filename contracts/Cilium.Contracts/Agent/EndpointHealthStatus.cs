namespace Cilium.Contracts.Agent;

/// <summary>
/// Values of <see cref="EndpointHealth"/> fields (Cilium <c>models.EndpointHealthStatus</c>). Kept as strings,
/// not an enum, so a client still reads an agent that reports a value added later.
/// </summary>
public static class EndpointHealthStatus
{
    public const string Ok = "OK";
    public const string Bootstrap = "Bootstrap";
    public const string Pending = "Pending";
    public const string Warning = "Warning";
    public const string Failure = "Failure";
    public const string Disabled = "Disabled";
}
