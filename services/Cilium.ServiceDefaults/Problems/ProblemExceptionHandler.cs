using Cilium.Core.Errors;
using Cilium.Core.Labels;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Cilium.ServiceDefaults.Problems;

/// <summary>
/// The one place where exceptions become <c>application/problem+json</c>: domain errors map to their status
/// codes, request errors (malformed JSON, a body over the limit) keep theirs, anything else is a 500 that
/// names no internals.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            LabelException e => Validation("labels", $"label '{e.Label}': {e.Reason}"),
            InvalidInputException e => Validation(e.Field, e.Reason),
            NotFoundException e => Problem(StatusCodes.Status404NotFound, "Not found", e.Message),
            ConflictException e => Problem(StatusCodes.Status409Conflict, "Conflict", e.Message),
            CapacityExhaustedException e => Problem(StatusCodes.Status507InsufficientStorage, "Capacity exhausted", e.Message),
            BadHttpRequestException e when e.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                Problem(e.StatusCode, "Request body too large", e.Message),
            BadHttpRequestException e => Validation("body", Unwrap(e)),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested =>
                Problem(499, "Client closed request", "the client went away"),
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, "Internal error", "the server failed to handle the request; see its log");
        }
        httpContext.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    private static ValidationProblemDetails Validation(string field, string reason) =>
        new(new Dictionary<string, string[]> { [field] = [reason] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid request",
            Detail = $"{field}: {reason}",
        };

    // Minimal APIs wrap the JSON reader's error; its message says where the body broke.
    private static string Unwrap(BadHttpRequestException e) =>
        e.InnerException is System.Text.Json.JsonException j ? $"malformed JSON: {j.Message}" : e.Message;
}
