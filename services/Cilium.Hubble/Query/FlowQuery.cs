using Cilium.Hubble.Contracts.Flow;
using Cilium.Hubble.Contracts.Observer;
using Google.Protobuf.WellKnownTypes;

namespace Cilium.Hubble.Query;

/// <summary>The selection part of <c>hubble observe</c> (and <c>GET /v1/flows</c>): how many, which end, which time window.</summary>
public sealed record FlowQuery
{
    /// <summary>Flows printed when no count, window or follow is asked for (hubble's default <c>--last 20</c>).</summary>
    public const ulong DefaultLast = 20;

    public ulong? Last { get; init; }
    public ulong? First { get; init; }
    public bool All { get; init; }
    public bool Follow { get; init; }
    public string? Since { get; init; }
    public string? Until { get; init; }

    public GetFlowsRequest ToRequest(IEnumerable<FlowFilter> whitelist, IEnumerable<FlowFilter> blacklist, DateTimeOffset now)
    {
        if (First is not null && Follow)
        {
            throw new FormatException("--first cannot be used with --follow");
        }
        if (First is not null && (Last is not null || All))
        {
            throw new FormatException("--first cannot be used with --last or --all");
        }
        var request = new GetFlowsRequest { Follow = Follow };
        if (All)
        {
            request.Number = ulong.MaxValue;
        }
        else if (First is { } first)
        {
            request.First = true;
            request.Number = first;
        }
        else if (Last is { } last)
        {
            request.Number = last;
        }
        else if (!Follow && Since is null && Until is null)
        {
            request.Number = DefaultLast;
        }
        if (Since is not null)
        {
            request.Since = Timestamp.FromDateTimeOffset(TimeArgument.Parse(Since, now));
        }
        if (Until is not null)
        {
            request.Until = Timestamp.FromDateTimeOffset(TimeArgument.Parse(Until, now));
        }
        request.Whitelist.AddRange(whitelist);
        request.Blacklist.AddRange(blacklist);
        return request;
    }
}
