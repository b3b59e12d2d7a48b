using System.Text.Json;
using Cilium.Contracts;
using Cilium.Contracts.Events;
using Cilium.Contracts.Json;
using Cilium.ServiceDefaults.Health;
using Cilium.ServiceDefaults.Nats;
using NATS.Client.JetStream;

namespace Cilium.Policy.Resolution;

/// <summary>Feeds the cluster's endpoints (<c>cilium.v1.endpoint.&gt;</c>, key <c>ns/name</c>) into the <see cref="EndpointDirectory"/>.</summary>
public sealed class EndpointEventsWatcher(
    EndpointDirectory directory,
    INatsJSContext js,
    StartupRetry retry,
    Readiness readiness,
    ILogger<EndpointEventsWatcher> logger) : EventFollower(js, retry, readiness, logger)
{
    protected override string Filter => Subjects.AllEndpoints;
    protected override string Gate => "endpoint-events";

    protected override void Apply(CiliumEvent evt)
    {
        if (evt.Op == EventOps.Delete || evt.Data is null)
        {
            directory.Remove(evt.Key);
            return;
        }
        var endpoint = evt.Data.Value.Deserialize(CiliumJsonContext.Default.CiliumEndpoint)
            ?? throw new JsonException("endpoint event without data");
        directory.Upsert(evt.Key, endpoint);
    }
}
