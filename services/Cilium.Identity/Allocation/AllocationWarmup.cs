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
/// bucket's guarded write (tens of milliseconds the first time). It allocates the reserved <c>host</c> label set,
/// which has a fixed number and never touches the bucket, and sends one guarded write the server must refuse (a
/// revision no key can have): nothing is written.
/// </summary>
public sealed class AllocationWarmup(
    Readiness readiness,
    IdentityLabels identityLabels,
    IdentityStore store,
    IRequestClient<AllocateIdentity> client,
    IOptions<JsonOptions> json,
    ILogger<AllocationWarmup> logger) : BackgroundService
{
    public const string Gate = "allocation-warmup";

    private static readonly string[] SampleLabels = ["reserved:host"];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        readiness.Register(Gate);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // After the cache is loaded: the reserved identities are in it from then on.
            await readiness.WaitForOthersAsync(Gate, stoppingToken);
            var options = json.Value.SerializerOptions;
            var request = JsonSerializer.Deserialize<AllocateIdentityRequest>(JsonSerializer.Serialize(new AllocateIdentityRequest(SampleLabels), options), options)!;
            var labels = identityLabels.Resolve(request.Labels);
            var response = await client.GetResponse<IdentityAllocated, IdentityRangeExhausted>(new AllocateIdentity(labels.ToStrings()), stoppingToken);
            if (response.Is(out Response<IdentityAllocated>? allocated))
            {
                JsonSerializer.Serialize<IdentityModel>(allocated.Message.Identity, options);
            }
            var refused = await store.TryUpdateAsync(IdentityStore.IdKey(ReservedIdentities.Host), [], ulong.MaxValue, stoppingToken);
            if (refused is not null)
            {
                throw new InvalidOperationException($"the bucket accepted a write guarded by an impossible revision (now {refused})");
            }
            await store.GetAsync(IdentityStore.LabelsKey(labels.Sha256), stoppingToken);
            logger.LogInformation("Allocation path warmed up in {ElapsedMs:F0} ms", watch.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // A warm-up is an optimisation: the replica serves without it, only its first allocation is slower.
            logger.LogWarning(e, "Allocation warm-up failed; the first allocation will be slower");
        }
        finally
        {
            readiness.Open(Gate);
        }
    }
}
