using System.Text.Json;
using Cilium.Contracts.Identities;
using Cilium.Core.Identities;
using Cilium.Core.Labels;
using Cilium.ServiceDefaults.Health;
using MassTransit;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using IdentityModel = Cilium.Contracts.Identities.Identity;

namespace Cilium.Identity.Allocation;

/// <summary>
/// Runs the allocation path once before the replica reports ready, so the first pod of a cluster does not pay for
/// what a process does once: the mediator's request pipeline (its first request builds the consumer and response
/// pipes, hundreds of milliseconds of JIT), label parsing and filtering, the JSON of request and answer, and the
/// bucket's guarded writes (tens of milliseconds the first time). It allocates the reserved <c>host</c> label set,
/// which has a fixed number and never touches the bucket, once in process and once through its own HTTP listener
/// (Kestrel's body binding and the handler are compiled on first use too); allocates and releases a pod's label set
/// with its own allocator on a scratch bucket, deleted afterwards (<see cref="Cilium.ServiceDefaults.Nats.KvRehearsal"/>);
/// and builds the event of a committed identity in memory. Nothing is written to the identity bucket or the events.
/// </summary>
public sealed class AllocationWarmup(
    Readiness readiness,
    IdentityLabels identityLabels,
    IRequestClient<AllocateIdentity> client,
    IOptions<JsonOptions> json,
    IHostApplicationLifetime lifetime,
    Microsoft.AspNetCore.Hosting.Server.IServer server,
    NATS.Client.KeyValueStore.INatsKVContext kv,
    Cilium.ServiceDefaults.Nats.KvRehearsal rehearsal,
    IOptions<IdentityOptions> identityOptions,
    IOptions<Cilium.ServiceDefaults.ClusterOptions> cluster,
    ILogger<AllocationWarmup> logger) : StartupWarmup(readiness, logger)
{
    protected override string Gate => "allocation-warmup";

    protected override string What => "Allocation path";

    private static readonly string[] SampleLabels = ["reserved:host"];

    private static readonly string[] SamplePodLabels = ["k8s:app=warmup", "k8s:io.kubernetes.pod.namespace=warmup"];

    protected override async Task WarmAsync(CancellationToken cancellationToken)
    {
        // After the cache is loaded (the other gates): the reserved identities are in it from then on.
        var options = json.Value.SerializerOptions;
        var request = JsonSerializer.Deserialize<AllocateIdentityRequest>(JsonSerializer.Serialize(new AllocateIdentityRequest(SampleLabels), options), options)!;
        var labels = identityLabels.Resolve(request.Labels);
        var response = await client.GetResponse<IdentityAllocated, IdentityRangeExhausted>(new AllocateIdentity(labels.ToStrings()), cancellationToken);
        if (response.Is(out Response<IdentityAllocated>? allocated))
        {
            JsonSerializer.Serialize<IdentityModel>(allocated.Message.Identity, options);
        }
        WarmPodLabelsAndEvent();
        await RehearseOnScratchBucketAsync(cancellationToken);
        await AllocateThroughHttpAsync(cancellationToken);
    }

    /// <summary>
    /// A pod's label set (more than one label: sorting) and the event the outbox writes for a committed identity, in
    /// memory with the instances the service uses.
    /// </summary>
    private void WarmPodLabelsAndEvent()
    {
        var pod = identityLabels.Resolve(SamplePodLabels);
        var committed = IdentityStore.Encode(new IdentityModel(70000, pod.ToStrings(), pod.Sha256));
        var data = JsonSerializer.Deserialize(committed, Cilium.Contracts.Json.CiliumJsonContext.Default.JsonElement);
        JsonSerializer.SerializeToUtf8Bytes(new Cilium.Contracts.Events.CiliumEvent("identity", "upsert", "70000", 1, DateTimeOffset.UnixEpoch, data),
            Cilium.Contracts.Json.CiliumJsonContext.Default.CiliumEvent);
    }

    /// <summary>
    /// A pod's label set allocated and released by this service's own allocator and store, on a scratch bucket
    /// (<see cref="Cilium.ServiceDefaults.Nats.KvRehearsal"/>): the reservation, the commit and the guarded deletes, as
    /// the first real allocation does them.
    /// </summary>
    private Task RehearseOnScratchBucketAsync(CancellationToken cancellationToken) =>
        rehearsal.RunAsync(identityOptions.Value.Bucket, async (bucket, ct) =>
        {
            var scratch = Options.Create(new IdentityOptions { Bucket = bucket, MaxLocalId = identityOptions.Value.MaxLocalId });
            var store = new IdentityStore(kv, scratch);
            await store.OpenAsync(ct);
            var allocator = new IdentityAllocator(store, new IdentityCache(scratch, cluster), Microsoft.Extensions.Logging.Abstractions.NullLogger<IdentityAllocator>.Instance);
            var (identity, _) = await allocator.AllocateAsync(identityLabels.Resolve(SamplePodLabels), ct);
            await allocator.ReleaseAsync(identity.Id, ct);
        }, cancellationToken);

    /// <summary><c>POST /v1/identities</c> for the reserved <c>host</c> set through this replica's own listener, once it listens.</summary>
    private async Task AllocateThroughHttpAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(cancellationToken);
        var addresses = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? [];
        if (addresses.Select(Loopback).FirstOrDefault(a => a is not null) is not { } self)
        {
            return;
        }
        using var http = new HttpClient { BaseAddress = self, Timeout = TimeSpan.FromSeconds(5) };
        using var response = await http.PostAsync("/v1/identities",
            new StringContent("""{"labels":["reserved:host"]}""", System.Text.Encoding.UTF8, "application/json"), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A listening address as this process can call it: wildcard hosts become the loopback address.</summary>
    private static Uri? Loopback(string address)
    {
        var normalized = address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://[::1]", StringComparison.Ordinal);
        return Uri.TryCreate(normalized, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp ? uri : null;
    }
}
