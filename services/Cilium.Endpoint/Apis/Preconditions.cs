using System.Globalization;
using Cilium.Core.Errors;

namespace Cilium.Endpoint.Apis;

/// <summary>The revision a delete is conditional on: <c>?revision=N</c> or <c>If-Match: "N"</c> (both must agree).</summary>
public static class Preconditions
{
    public static ulong? ExpectedRevision(string? revision, string? ifMatch)
    {
        ulong? fromQuery = null;
        ulong? fromHeader = null;
        if (revision is not null)
        {
            fromQuery = ulong.TryParse(revision, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0
                ? r
                : throw new InvalidInputException("revision", $"'{revision}' is not a revision (a positive integer)");
        }
        if (ifMatch is not null)
        {
            var tag = ifMatch.Trim();
            tag = tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
            tag = tag.Trim('"');
            fromHeader = ulong.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0
                ? r
                : throw new InvalidInputException("If-Match", $"'{ifMatch}' is not a revision entity tag such as \"42\"");
        }
        if (fromQuery is { } q && fromHeader is { } h && q != h)
        {
            throw new InvalidInputException("If-Match", $"names revision {h} but ?revision= names {q}");
        }
        return fromQuery ?? fromHeader;
    }
}
