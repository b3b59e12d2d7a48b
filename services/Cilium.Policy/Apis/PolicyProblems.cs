using Cilium.Policy.Commands;
using Cilium.Policy.Manifests;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cilium.Policy.Apis;

/// <summary>The problem+json answers of the policy API that carry more than the central exception handler gives.</summary>
public static class PolicyProblems
{
    /// <summary>
    /// A refused manifest: <c>errors</c> keyed by the field path in the request, plus <c>document</c> (index, kind,
    /// namespace, name), <c>field</c> (the path inside that document) and <c>reason</c>.
    /// </summary>
    public static ProblemHttpResult Manifest(ManifestProblem problem) => TypedResults.Problem(new HttpValidationProblemDetails(
        new Dictionary<string, string[]> { [problem.ErrorKey] = [problem.Reason] })
    {
        Status = problem.Status,
        Title = problem.Status == StatusCodes.Status400BadRequest ? "Malformed or mismatched manifest" : "Invalid policy",
        Detail = $"{problem.Document} {problem.Field}: {problem.Reason}",
        Extensions =
        {
            ["document"] = problem.Document,
            ["field"] = problem.Field,
            ["reason"] = problem.Reason,
        },
    });

    public static ProblemHttpResult Rejected(PoliciesRejected rejected) =>
        TypedResults.Problem(rejected.Detail, statusCode: rejected.Status, title: rejected.Title);

    public static ProblemHttpResult UnsupportedMediaType(string? contentType) => TypedResults.Problem(
        $"Content-Type '{contentType}' is not a manifest type; send one of {string.Join(", ", ManifestBody.ContentTypes)}",
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported media type");

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem($"{what} does not exist", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
