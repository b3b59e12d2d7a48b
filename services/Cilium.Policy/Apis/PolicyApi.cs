using System.Globalization;
using Cilium.Core.Errors;
using Cilium.Core.Policy.Rules;
using Cilium.Policy.Commands;
using Cilium.Policy.Manifests;
using Cilium.Policy.Models;
using Cilium.Policy.Storage;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Cilium.Policy.Apis;

/// <summary>
/// The policy repository with Kubernetes-style paths: per kind GET/PUT/DELETE one and GET the list, and
/// <c>/v1/policies</c> to list everything or apply several manifests at once, all or nothing.
/// </summary>
public static class PolicyApi
{
    private const string NamespacedResource = $"{{resource:regex(^({PolicyKinds.CiliumNetworkPolicies}|{PolicyKinds.NetworkPolicies})$)}}";
    private const string AnyResource = $"{{resource:regex(^({PolicyKinds.CiliumNetworkPolicies}|{PolicyKinds.NetworkPolicies}|{PolicyKinds.CiliumClusterwideNetworkPolicies})$)}}";

    /// <summary>Answer header with the cluster-wide policy revision the answer reflects.</summary>
    public const string RevisionHeader = "Cilium-Policy-Revision";

    public static RouteGroupBuilder MapPolicyApi(this IEndpointRouteBuilder app)
    {
        // No Accepts(...) metadata on purpose: it makes routing answer other content types with a bare 415; the
        // handlers answer it themselves, naming the accepted types (application/json, application/yaml, ...).
        var api = app.MapGroup("/v1").WithTags("Policies");

        api.MapGet("/policies", ListPolicies)
            .WithName("ListPolicies")
            .WithSummary("Every policy of every kind, with the policy revision they are at");
        api.MapPost("/policies", ApplyPolicies)
            .WithName("ApplyPolicies")
            .WithSummary("Apply one or more manifests (multi-document YAML, a JSON array or object), all or nothing")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapGet($"/{AnyResource}", ListPoliciesOfKind)
            .WithName("ListPoliciesOfKind")
            .WithSummary("Policies of one kind, across all namespaces");
        api.MapGet($"/namespaces/{{ns}}/{NamespacedResource}", ListNamespacedPolicies)
            .WithName("ListNamespacedPolicies")
            .WithSummary("CiliumNetworkPolicies or NetworkPolicies of one namespace");
        api.MapGet($"/namespaces/{{ns}}/{NamespacedResource}/{{name}}", GetNamespacedPolicy)
            .WithName("GetNamespacedPolicy")
            .WithSummary("One CiliumNetworkPolicy or NetworkPolicy; ETag is its revision")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut($"/namespaces/{{ns}}/{NamespacedResource}/{{name}}", PutNamespacedPolicy)
            .WithName("PutNamespacedPolicy")
            .WithSummary("Create or replace one CiliumNetworkPolicy or NetworkPolicy (JSON or YAML); If-Match: \"<revision>\" guards a replace")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapDelete($"/namespaces/{{ns}}/{NamespacedResource}/{{name}}", DeleteNamespacedPolicy)
            .WithName("DeleteNamespacedPolicy")
            .WithSummary("Delete one CiliumNetworkPolicy or NetworkPolicy; If-Match: \"<revision>\" guards it")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        api.MapGet($"/{PolicyKinds.CiliumClusterwideNetworkPolicies}/{{name}}", GetClusterwidePolicy)
            .WithName("GetClusterwidePolicy")
            .WithSummary("One CiliumClusterwideNetworkPolicy; ETag is its revision")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut($"/{PolicyKinds.CiliumClusterwideNetworkPolicies}/{{name}}", PutClusterwidePolicy)
            .WithName("PutClusterwidePolicy")
            .WithSummary("Create or replace one CiliumClusterwideNetworkPolicy (JSON or YAML)")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapDelete($"/{PolicyKinds.CiliumClusterwideNetworkPolicies}/{{name}}", DeleteClusterwidePolicy)
            .WithName("DeleteClusterwidePolicy")
            .WithSummary("Delete one CiliumClusterwideNetworkPolicy")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return api;
    }

    public static async Task<Ok<PolicyList>> ListPolicies(PolicyStore store, PolicyCache cache, IOptions<PolicyOptions> options, CancellationToken cancellationToken)
    {
        await ReadBarrierAsync(store, cache, options.Value, cancellationToken);
        return TypedResults.Ok(cache.List(null, null));
    }

    public static async Task<Ok<PolicyList>> ListPoliciesOfKind(string resource, PolicyStore store, PolicyCache cache, IOptions<PolicyOptions> options, CancellationToken cancellationToken)
    {
        await ReadBarrierAsync(store, cache, options.Value, cancellationToken);
        return TypedResults.Ok(cache.List(KindOf(resource), null));
    }

    public static async Task<Ok<PolicyList>> ListNamespacedPolicies(string ns, string resource, PolicyStore store, PolicyCache cache, IOptions<PolicyOptions> options, CancellationToken cancellationToken)
    {
        await ReadBarrierAsync(store, cache, options.Value, cancellationToken);
        return TypedResults.Ok(cache.List(KindOf(resource), ns));
    }

    /// <summary>
    /// A list holds every change committed before it was asked for, whichever replica wrote it: one read of the
    /// revision key, then a wait until this replica's view has caught up (a write through another replica may not
    /// have reached its watcher yet).
    /// </summary>
    private static async Task ReadBarrierAsync(PolicyStore store, PolicyCache cache, PolicyOptions options, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(PolicyKeys.RevisionKey, cancellationToken) is { Value: { } value })
        {
            var committed = PolicyStore.DecodeRevision(value);
            await cache.WaitForRevisionAsync(Math.Max(committed.Revision, committed.Pending?.Revision ?? 0), options.ReadYourWritesTimeout, cancellationToken);
        }
    }

    public static async Task<Results<Ok<PolicyRecord>, ProblemHttpResult>> GetNamespacedPolicy(
        string ns, string resource, string name, PolicyStore store, PolicyCache cache, IOptions<PolicyOptions> options, HttpResponse response, CancellationToken cancellationToken)
    {
        // One policy obeys the same barrier as a list: a GET after a PUT through another replica finds it.
        await ReadBarrierAsync(store, cache, options.Value, cancellationToken);
        return Get(new PolicyPath(KindOf(resource), ns, name), cache, response);
    }

    public static async Task<Results<Ok<PolicyRecord>, ProblemHttpResult>> GetClusterwidePolicy(
        string name, PolicyStore store, PolicyCache cache, IOptions<PolicyOptions> options, HttpResponse response, CancellationToken cancellationToken)
    {
        await ReadBarrierAsync(store, cache, options.Value, cancellationToken);
        return Get(new PolicyPath(PolicyKind.CiliumClusterwideNetworkPolicy, null, name), cache, response);
    }

    public static Task<Results<Created<PolicyRecord>, Ok<PolicyRecord>, ProblemHttpResult>> PutNamespacedPolicy(
        string ns, string resource, string name, HttpContext context, IRequestClient<ApplyPolicies> client, PolicyCache cache, IOptions<PolicyOptions> options, CancellationToken cancellationToken) =>
        PutAsync(new PolicyPath(KindOf(resource), ns, name), context, client, cache, options.Value, cancellationToken);

    public static Task<Results<Created<PolicyRecord>, Ok<PolicyRecord>, ProblemHttpResult>> PutClusterwidePolicy(
        string name, HttpContext context, IRequestClient<ApplyPolicies> client, PolicyCache cache, IOptions<PolicyOptions> options, CancellationToken cancellationToken) =>
        PutAsync(new PolicyPath(PolicyKind.CiliumClusterwideNetworkPolicy, null, name), context, client, cache, options.Value, cancellationToken);

    public static Task<Results<Ok<ApplyResult>, ProblemHttpResult>> DeleteNamespacedPolicy(
        string ns, string resource, string name, HttpContext context, IRequestClient<ApplyPolicies> client, PolicyCache cache, IOptions<PolicyOptions> options, CancellationToken cancellationToken) =>
        DeleteAsync(new PolicyPath(KindOf(resource), ns, name), context, client, cache, options.Value, cancellationToken);

    public static Task<Results<Ok<ApplyResult>, ProblemHttpResult>> DeleteClusterwidePolicy(
        string name, HttpContext context, IRequestClient<ApplyPolicies> client, PolicyCache cache, IOptions<PolicyOptions> options, CancellationToken cancellationToken) =>
        DeleteAsync(new PolicyPath(PolicyKind.CiliumClusterwideNetworkPolicy, null, name), context, client, cache, options.Value, cancellationToken);

    public static async Task<Results<Ok<ApplyResult>, ProblemHttpResult>> ApplyPolicies(
        HttpContext context, IRequestClient<ApplyPolicies> client, PolicyCache cache, IOptions<PolicyOptions> options, CancellationToken cancellationToken)
    {
        if (!ManifestBody.IsAccepted(context.Request.ContentType))
        {
            return PolicyProblems.UnsupportedMediaType(context.Request.ContentType);
        }
        var text = await ManifestBody.ReadAsync(context.Request, cancellationToken);
        if (!ManifestInput.TryParse(text, null, out var manifests, out var problem))
        {
            return PolicyProblems.Manifest(problem);
        }
        var changes = manifests.Select(m => new PolicyChange(m.Document.Index, m.Document.Id, m.Manifest)).ToArray();
        var response = await client.GetResponse<PoliciesApplied, PoliciesRejected>(new ApplyPolicies(changes), cancellationToken);
        if (response.Is(out Response<PoliciesRejected>? rejected))
        {
            return PolicyProblems.Rejected(rejected.Message);
        }
        response.Is(out Response<PoliciesApplied>? applied);
        await SettleAsync(applied!.Message.Revision, context, cache, options.Value, cancellationToken);
        return TypedResults.Ok(new ApplyResult(applied.Message.Revision, applied.Message.Results));
    }

    private static Results<Ok<PolicyRecord>, ProblemHttpResult> Get(PolicyPath path, PolicyCache cache, HttpResponse response)
    {
        response.Headers[RevisionHeader] = cache.Revision.ToString(CultureInfo.InvariantCulture);
        if (!cache.TryGet(path.Id, out var record))
        {
            return PolicyProblems.NotFound(path.Id.ToString());
        }
        response.Headers.ETag = ETag(record.Revision);
        return TypedResults.Ok(record);
    }

    private static async Task<Results<Created<PolicyRecord>, Ok<PolicyRecord>, ProblemHttpResult>> PutAsync(
        PolicyPath path, HttpContext context, IRequestClient<ApplyPolicies> client, PolicyCache cache, PolicyOptions options, CancellationToken cancellationToken)
    {
        if (!ManifestBody.IsAccepted(context.Request.ContentType))
        {
            return PolicyProblems.UnsupportedMediaType(context.Request.ContentType);
        }
        var text = await ManifestBody.ReadAsync(context.Request, cancellationToken);
        if (!ManifestInput.TryParse(text, path, out var manifests, out var problem))
        {
            return PolicyProblems.Manifest(problem);
        }
        var manifest = manifests[0];
        var change = new PolicyChange(0, path.Id, manifest.Manifest, IfMatch(context.Request));
        var response = await client.GetResponse<PoliciesApplied, PoliciesRejected>(new ApplyPolicies([change]), cancellationToken);
        if (response.Is(out Response<PoliciesRejected>? rejected))
        {
            return PolicyProblems.Rejected(rejected.Message);
        }
        response.Is(out Response<PoliciesApplied>? applied);
        var revision = applied!.Message.Revision;
        await SettleAsync(revision, context, cache, options, cancellationToken);
        var result = applied.Message.Results[0].Result;
        var record = cache.TryGet(path.Id, out var cached) && (result == ApplyOutcomes.Unchanged || cached.Revision == revision)
            ? cached
            : new PolicyRecord(path.Kind.ToString(), path.Namespace, path.Name, revision, manifest.Manifest);
        context.Response.Headers.ETag = ETag(record.Revision);
        return result == ApplyOutcomes.Created
            ? TypedResults.Created(context.Request.Path.Value, record)
            : TypedResults.Ok(record);
    }

    private static async Task<Results<Ok<ApplyResult>, ProblemHttpResult>> DeleteAsync(
        PolicyPath path, HttpContext context, IRequestClient<ApplyPolicies> client, PolicyCache cache, PolicyOptions options, CancellationToken cancellationToken)
    {
        var change = new PolicyChange(0, path.Id, null, IfMatch(context.Request));
        var response = await client.GetResponse<PoliciesApplied, PoliciesRejected>(new ApplyPolicies([change]), cancellationToken);
        if (response.Is(out Response<PoliciesRejected>? rejected))
        {
            return PolicyProblems.Rejected(rejected.Message);
        }
        response.Is(out Response<PoliciesApplied>? applied);
        if (applied!.Message.Results[0].Result == ApplyOutcomes.NotFound)
        {
            return PolicyProblems.NotFound(path.Id.ToString());
        }
        await SettleAsync(applied.Message.Revision, context, cache, options, cancellationToken);
        return TypedResults.Ok(new ApplyResult(applied.Message.Revision, applied.Message.Results));
    }

    /// <summary>Waits until this replica's view holds the write, so the caller's next read here sees it.</summary>
    private static async Task SettleAsync(long revision, HttpContext context, PolicyCache cache, PolicyOptions options, CancellationToken cancellationToken)
    {
        await cache.WaitForRevisionAsync(revision, options.ReadYourWritesTimeout, cancellationToken);
        context.Response.Headers[RevisionHeader] = revision.ToString(CultureInfo.InvariantCulture);
    }

    private static long? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
        {
            return null;
        }
        var text = header.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }
        return long.TryParse(text.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : throw new InvalidInputException("If-Match", $"'{header}' is not a policy revision; use the ETag of the policy, e.g. \"12\"");
    }

    private static string ETag(long revision) => $"\"{revision.ToString(CultureInfo.InvariantCulture)}\"";

    private static PolicyKind KindOf(string resource) => resource switch
    {
        PolicyKinds.CiliumNetworkPolicies => PolicyKind.CiliumNetworkPolicy,
        PolicyKinds.NetworkPolicies => PolicyKind.NetworkPolicy,
        PolicyKinds.CiliumClusterwideNetworkPolicies => PolicyKind.CiliumClusterwideNetworkPolicy,
        _ => throw new NotFoundException($"resource {resource}"),
    };
}
