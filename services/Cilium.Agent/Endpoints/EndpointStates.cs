namespace Cilium.Agent.Endpoints;

/// <summary>Cilium's endpoint states (<c>api/v1/models/endpoint_state.go</c>), as they appear in JSON.</summary>
public static class EndpointStates
{
    public const string WaitingForIdentity = "waiting-for-identity";
    public const string NotReady = "not-ready";
    public const string WaitingToRegenerate = "waiting-to-regenerate";
    public const string Regenerating = "regenerating";
    public const string Restoring = "restoring";
    public const string Ready = "ready";
    public const string Disconnecting = "disconnecting";
    public const string Disconnected = "disconnected";
    public const string Invalid = "invalid";
}
