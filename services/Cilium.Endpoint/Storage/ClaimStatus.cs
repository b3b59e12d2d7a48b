namespace Cilium.Endpoint.Storage;

/// <summary>What a claim held by someone else means to a new claimer; see <see cref="ClaimJudge"/>.</summary>
public enum ClaimStatus
{
    /// <summary>The holder's record names the claimed value: a real conflict.</summary>
    Held,

    /// <summary>The holder's writer may still be between its claim and its record write: treated as held.</summary>
    InFlight,

    /// <summary>The holder's record moved past the claim without naming the value: free to take over.</summary>
    Stale,

    /// <summary>In flight for longer than the grace period: fence the holder's record, then it is stale.</summary>
    Abandoned,
}
