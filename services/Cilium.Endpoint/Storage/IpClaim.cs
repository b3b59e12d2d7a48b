namespace Cilium.Endpoint.Storage;

/// <summary>
/// The value of <c>ip.&lt;ip&gt;</c>. <see cref="BasedOn"/> is the revision of the holder's record that the
/// claiming writer read and will compare-and-swap against; <see cref="Writer"/> tells that writer apart from a
/// concurrent writer of the same endpoint (so each only ever rolls back a claim it wrote itself);
/// <see cref="At"/> is when the claim was written.
/// </summary>
public sealed record IpClaim(string Holder, ulong BasedOn, string Writer, DateTimeOffset At);
