using System.Globalization;
using Cilium.Contracts;
using Cilium.ServiceDefaults.Events;

namespace Cilium.Identity.Events;

/// <summary>Committed identities (<c>id.&lt;n&gt;</c> keys of the bucket) go out as <c>cilium.v1.identity.&lt;n&gt;</c>.</summary>
public static class IdentityEvents
{
    public static KvEventSource Source(string bucket) => new(
        bucket,
        Allocation.IdentityStore.IdPrefix,
        Subjects.IdentityKind,
        key => (Subjects.Identity(long.Parse(key, CultureInfo.InvariantCulture)), key));
}
