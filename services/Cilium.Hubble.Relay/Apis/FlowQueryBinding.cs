using System.Globalization;
using Cilium.Hubble.Contracts.Observer;
using Cilium.Hubble.Filters;
using Cilium.Hubble.Query;
using Microsoft.AspNetCore.Http;

namespace Cilium.Hubble.Relay.Apis;

/// <summary>
/// Query parameters of <c>GET /v1/flows</c> -> GetFlowsRequest, with the hubble CLI's flag names: <c>?namespace=x&amp;verdict=DROPPED</c>,
/// <c>not-&lt;flag&gt;</c> for <c>--not</c>, <c>last</c>/<c>number</c>, <c>first</c>, <c>all</c>, <c>follow</c>, <c>since</c>, <c>until</c>.
/// </summary>
public static class FlowQueryBinding
{
    private static readonly HashSet<string> Selection = new(StringComparer.Ordinal) { "last", "number", "first", "all", "follow", "since", "until" };

    /// <summary>The request, or the errors per parameter for a validation problem.</summary>
    public static (GetFlowsRequest? Request, Dictionary<string, string[]> Errors) Bind(IQueryCollection query, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var filters = new FlowFilterBuilder();
        foreach (var (key, values) in query)
        {
            if (Selection.Contains(key))
            {
                continue;
            }
            var negate = key.StartsWith("not-", StringComparison.Ordinal);
            var flag = negate ? key[4..] : key;
            if (!FlowFilterBuilder.Flags.Contains(flag))
            {
                errors[key] = [$"unknown parameter '{key}'; filters are: {string.Join(", ", FlowFilterBuilder.Flags.Order(StringComparer.Ordinal))} (prefix not- to negate)"];
                continue;
            }
            foreach (var value in values)
            {
                try
                {
                    filters.Add(flag, value ?? "", negate);
                }
                catch (FilterException e)
                {
                    errors[key] = [e.Message];
                }
            }
        }
        var flowQuery = new FlowQuery
        {
            Last = Number(query, "last", errors) ?? Number(query, "number", errors),
            First = Number(query, "first", errors),
            All = Flag(query, "all", errors),
            Follow = Flag(query, "follow", errors),
            Since = query["since"].FirstOrDefault(),
            Until = query["until"].FirstOrDefault(),
        };
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        try
        {
            var request = flowQuery.ToRequest(filters.Whitelist, filters.Blacklist, now);
            // Compile once here so a bad CIDR or selector is a 400, not a broken stream.
            _ = new FlowFilterSet(request.Whitelist, request.Blacklist);
            return (request, errors);
        }
        catch (Exception e) when (e is FormatException or FilterException)
        {
            errors["query"] = [e.Message];
            return (null, errors);
        }
    }

    private static ulong? Number(IQueryCollection query, string key, Dictionary<string, string[]> errors)
    {
        var text = query[key].FirstOrDefault();
        if (text is null)
        {
            return null;
        }
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }
        errors[key] = [$"'{text}' is not a non-negative number"];
        return null;
    }

    private static bool Flag(IQueryCollection query, string key, Dictionary<string, string[]> errors)
    {
        var text = query[key].FirstOrDefault();
        if (text is null)
        {
            return false;
        }
        if (text.Length == 0 || bool.TryParse(text, out var b) && b)
        {
            return true;
        }
        if (bool.TryParse(text, out _))
        {
            return false;
        }
        errors[key] = [$"'{text}' is not true or false"];
        return false;
    }
}
