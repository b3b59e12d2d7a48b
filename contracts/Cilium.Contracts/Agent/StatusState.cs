namespace Cilium.Contracts.Agent;

/// <summary>Values of <see cref="Status.State"/> and the other component states in <see cref="StatusResponse"/>.</summary>
public static class StatusState
{
    public const string Ok = "Ok";
    public const string Warning = "Warning";
    public const string Failure = "Failure";
    public const string Disabled = "Disabled";
}
