using Microsoft.Extensions.Options;

namespace Cilium.Endpoint.Storage;

/// <summary>
/// The claim protocol shared by IPs and pod CIDRs. A writer reads its record (revision <c>r</c>, deletions
/// included), claims the values with <c>basedOn = r</c>, then writes its record with compare-and-swap on
/// <c>r</c>, then releases the claims its new record no longer names. A crash can leave a claim without a
/// record naming it, so a claim counts only while:
/// <list type="bullet">
/// <item>the holder's record names the value (<see cref="ClaimStatus.Held"/>), or</item>
/// <item>the holder's record is still at <c>basedOn</c>: its writer may be about to commit. Within the grace period
/// that is <see cref="ClaimStatus.InFlight"/>; after it, a claimer fences the holder by rewriting its record (or its
/// deletion) at <c>basedOn</c>, which makes that writer's compare-and-swap fail, and the claim becomes stale.</item>
/// </list>
/// Once the holder's record has moved past <c>basedOn</c> without naming the value, the writer that made the claim
/// either lost its compare-and-swap or was superseded, so the claim is <see cref="ClaimStatus.Stale"/>. No record
/// can thus name a value whose claim another holder took over: safety rests on revisions only; the clock only
/// decides how soon an abandoned claim is freed.
/// </summary>
public sealed class ClaimJudge(IOptions<EndpointOptions> options, TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();

    public ClaimStatus Judge(bool holderRecordNamesValue, ulong holderRevision, ulong basedOn, DateTimeOffset claimedAt)
    {
        if (holderRecordNamesValue)
        {
            return ClaimStatus.Held;
        }
        if (holderRevision > basedOn)
        {
            return ClaimStatus.Stale;
        }
        return Now - claimedAt < options.Value.ClaimGrace ? ClaimStatus.InFlight : ClaimStatus.Abandoned;
    }
}
