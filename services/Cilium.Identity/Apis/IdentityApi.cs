using Cilium.Contracts.Identities;
using Cilium.Core.Errors;
using Cilium.Core.Identities;
using Cilium.Core.Labels;
using Cilium.Identity.Allocation;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using IdentityModel = Cilium.Contracts.Identities.Identity;

namespace Cilium.Identity.Apis;

/// <summary><c>/v1/identities</c>: allocate, look up, list, query by labels, release.</summary>
public static class IdentityApi
{
    public static RouteGroupBuilder MapIdentityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/identities").WithTags("Identities");

        api.MapPost("/", AllocateIdentity)
            .WithName("AllocateIdentity")
            .WithSummary("Allocate or look up the identity of a label set")
            .WithDescription("Drops labels that are not security-relevant, then returns the identity of the rest: 201 when newly allocated, 200 when it existed.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status507InsufficientStorage);
        api.MapGet("/", ListIdentities)
            .WithName("ListIdentities")
            .WithSummary("List identities, reserved ones included; ?label=... keeps those carrying every given label")
            .ProducesValidationProblem();
        api.MapGet("/{id:long}", GetIdentity)
            .WithName("GetIdentity")
            .WithSummary("Get one identity")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{id:long}", ReleaseIdentity)
            .WithName("ReleaseIdentity")
            .WithSummary("Release a cluster identity")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Created<IdentityModel>, Ok<IdentityModel>, ProblemHttpResult>> AllocateIdentity(
        AllocateIdentityRequest request,
        IdentityLabels identityLabels,
        IdentityCache cache,
        ResolvedLabelsMemo memo,
        IRequestClient<AllocateIdentity> client,
        CancellationToken cancellationToken)
    {
        // Most requests repeat a label list already seen: its validation and filtering are pure, so their result
        // (the identity key's hash) is remembered per raw list and only the cache look-up remains.
        if (memo.TryGet(request.Labels, out var knownSha) && cache.TryGetBySha(knownSha, out var known))
        {
            return TypedResults.Ok(known.Identity);
        }
        var labels = identityLabels.Resolve(request.Labels);
        memo.Remember(request.Labels!, labels.Sha256);
        // A label set that already has its identity is a query, answered from this replica's view of the
        // committed identities; only a set that needs a number becomes a command for the allocator.
        if (ReservedIdentities.Match(labels) is { } reserved && cache.TryGet(reserved, out var reservedIdentity))
        {
            return TypedResults.Ok(reservedIdentity.Identity);
        }
        if (cache.TryGetBySha(labels.Sha256, out var existing))
        {
            return TypedResults.Ok(existing.Identity);
        }
        var response = await client.GetResponse<IdentityAllocated, IdentityRangeExhausted>(new AllocateIdentity(labels.ToStrings()), cancellationToken);
        if (response.Is(out Response<IdentityRangeExhausted>? exhausted))
        {
            return TypedResults.Problem(exhausted.Message.Range, statusCode: StatusCodes.Status507InsufficientStorage, title: "Identity range exhausted");
        }
        response.Is(out Response<IdentityAllocated>? ok);
        var allocated = ok!.Message;
        return allocated.Created
            ? TypedResults.Created($"/v1/identities/{allocated.Identity.Id}", allocated.Identity)
            : TypedResults.Ok(allocated.Identity);
    }

    public static Ok<IdentityModel[]> ListIdentities(string[]? label, IdentityCache cache)
    {
        IEnumerable<CachedIdentity> identities = cache.All;
        if (label is { Length: > 0 })
        {
            LabelSet wanted;
            try
            {
                wanted = LabelSet.Parse(label);
            }
            catch (LabelException e)
            {
                throw new InvalidInputException("label", $"label '{e.Label}': {e.Reason}");
            }
            identities = identities.Where(i => i.Labels.ContainsAll(wanted));
        }
        return TypedResults.Ok(identities.Select(i => i.Identity).ToArray());
    }

    public static async Task<Results<Ok<IdentityModel>, ProblemHttpResult>> GetIdentity(long id, IdentityCache cache, IdentityStore store, CancellationToken cancellationToken)
    {
        if (cache.TryGet(id, out var cached))
        {
            return TypedResults.Ok(cached.Identity);
        }
        // Another replica may have committed it a moment ago, before our watch saw it.
        var entry = id > 0 ? await store.GetAsync(IdentityStore.IdKey(id), cancellationToken) : null;
        return entry is { } e
            ? TypedResults.Ok(IdentityStore.DecodeIdentity(e.Value!))
            : TypedResults.Problem($"identity {id} does not exist", statusCode: StatusCodes.Status404NotFound, title: "Not found");
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ReleaseIdentity(long id, IRequestClient<ReleaseIdentity> client, CancellationToken cancellationToken)
    {
        var response = await client.GetResponse<IdentityReleased, IdentityNotFound, IdentityIsReserved>(new ReleaseIdentity(id), cancellationToken);
        return response switch
        {
            (_, IdentityReleased) => TypedResults.NoContent(),
            (_, IdentityIsReserved) => TypedResults.Problem($"identity {id} is reserved and cannot be released", statusCode: StatusCodes.Status409Conflict, title: "Reserved identity"),
            _ => TypedResults.Problem($"identity {id} does not exist", statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        };
    }
}
