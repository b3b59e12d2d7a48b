using System.Globalization;
using System.Text.Json;
using Cilium.Contracts;
using Cilium.Contracts.Events;
using Cilium.Contracts.Json;
using Cilium.ServiceDefaults.Health;
using Cilium.ServiceDefaults.Nats;
using NATS.Client.JetStream;

namespace Cilium.Policy.Resolution;

/// <summary>Feeds the cluster's identities (<c>cilium.v1.identity.&gt;</c>) into the <see cref="PolicyResolver"/>.</summary>
public sealed class IdentityEventsWatcher(
    PolicyResolver resolver,
    INatsJSContext js,
    StartupRetry retry,
    Readiness readiness,
    ILogger<IdentityEventsWatcher> logger) : EventFollower(js, retry, readiness, logger)
{
    protected override string Filter => Subjects.AllIdentities;
    protected override string Gate => "identity-events";

    protected override void Apply(CiliumEvent evt)
    {
        if (evt.Op == EventOps.Delete || evt.Data is null)
        {
            resolver.RemoveIdentity(long.Parse(evt.Key, CultureInfo.InvariantCulture));
            return;
        }
        var identity = evt.Data.Value.Deserialize(CiliumJsonContext.Default.Identity)
            ?? throw new JsonException("identity event without data");
        resolver.UpsertIdentity(identity.Id, identity.Labels);
    }
}
