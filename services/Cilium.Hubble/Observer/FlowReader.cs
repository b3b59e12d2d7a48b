using System.Runtime.CompilerServices;
using Cilium.Hubble.Contracts.Flow;
using Cilium.Hubble.Contracts.Observer;
using Cilium.Hubble.Filters;
using Cilium.Hubble.Ring;
using Google.Protobuf.WellKnownTypes;

namespace Cilium.Hubble.Observer;

/// <summary>
/// Reads a <see cref="FlowRing"/> for one GetFlows request, as Cilium's observer does: <c>first</c> N from the oldest,
/// <c>number</c> = the last N matching flows (0: no limit), then with <c>follow</c> every new one; <c>since</c> and
/// <c>until</c> bound the flow time. Lost-event markers always pass; a follower lapped by the writer gets a
/// HUBBLE_RING_BUFFER lost event saying how many it missed.
/// </summary>
public sealed class FlowReader(FlowRing ring, GetFlowsRequest request, FlowFilterSet filters)
{
    private readonly Timestamp? _since = request.Since;
    private readonly Timestamp? _until = request.Until;

    /// <summary>The request's shape problems, in Cilium's words; null when it is fine.</summary>
    public static string? Validate(GetFlowsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.First && request.Follow)
        {
            return "first cannot be specified with follow";
        }
        if (request.Since is { } s && request.Until is { } u && s.CompareTo(u) > 0)
        {
            return "since must be before until";
        }
        return null;
    }

    /// <summary>Entries to send; <c>More</c> says another is ready right away, so the writer may hold back its flush.</summary>
    public async IAsyncEnumerable<(GetFlowsResponse Entry, bool More)> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var head = ring.Head;
        var seq = Start(head);
        var sent = 0UL;
        var limit = request.First ? request.Number : 0UL;
        while (seq < head)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (ring.TryRead(seq, out var entry))
            {
                case RingRead.Lost:
                    var oldest = ring.Oldest;
                    yield return (LostMarker(oldest - seq), true);
                    seq = oldest;
                    continue;
                case RingRead.NotYet:
                    seq = head;
                    continue;
            }
            seq++;
            if (!Passes(entry!, out var isFlow))
            {
                continue;
            }
            yield return (entry!, seq < head);
            if (isFlow && limit > 0 && ++sent >= limit)
            {
                yield break;
            }
        }
        if (!request.Follow)
        {
            yield break;
        }
        while (!cancellationToken.IsCancellationRequested)
        {
            switch (ring.TryRead(seq, out var entry))
            {
                case RingRead.NotYet:
                    await ring.WaitForAsync(seq, cancellationToken);
                    continue;
                case RingRead.Lost:
                    var oldest = ring.Oldest;
                    yield return (LostMarker(oldest - seq), true);
                    seq = oldest;
                    continue;
            }
            seq++;
            if (_until is not null && entry!.Flow is { } f && f.Time.CompareTo(_until) > 0)
            {
                yield break;
            }
            if (Passes(entry!, out _))
            {
                yield return (entry!, ring.Head > seq);
            }
        }
    }

    private long Start(long head)
    {
        var oldest = Math.Max(0, head - ring.Capacity);
        if (request.First)
        {
            return oldest;
        }
        if (request.Number == 0)
        {
            return request.Follow && _since is null ? head : oldest;
        }
        // Walk back until Number matching flows lie between the start and the head.
        var found = 0UL;
        for (var seq = head - 1; seq >= oldest; seq--)
        {
            if (ring.TryRead(seq, out var entry) != RingRead.Ok)
            {
                return seq + 1;
            }
            if (entry!.Flow is not null && Passes(entry, out _) && ++found >= request.Number)
            {
                return seq;
            }
        }
        return oldest;
    }

    private bool Passes(GetFlowsResponse entry, out bool isFlow)
    {
        if (entry.Flow is not { } flow)
        {
            isFlow = false;
            return true;
        }
        isFlow = true;
        if (_since is not null && flow.Time.CompareTo(_since) < 0)
        {
            return false;
        }
        if (_until is not null && flow.Time.CompareTo(_until) > 0)
        {
            return false;
        }
        return filters.Matches(flow);
    }

    private static GetFlowsResponse LostMarker(long count)
    {
        var now = Timestamp.FromDateTime(DateTime.UtcNow);
        return new GetFlowsResponse
        {
            LostEvents = new LostEvent { Source = LostEventSource.HubbleRingBuffer, NumEventsLost = (ulong)count, First = now, Last = now },
            Time = now,
        };
    }
}
