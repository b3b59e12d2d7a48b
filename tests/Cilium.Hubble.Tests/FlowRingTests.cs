using Cilium.Hubble.Contracts.Flow;
using Cilium.Hubble.Contracts.Observer;
using Cilium.Hubble.Filters;
using Cilium.Hubble.Ingest;
using Cilium.Hubble.Metrics;
using Cilium.Hubble.Observer;
using Cilium.Hubble.Ring;
using Cilium.Hubble.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Cilium.Hubble.Tests;

public sealed class FlowRingTests
{
    private static GetFlowsResponse Entry(int i) => new() { Flow = new Flow { Uuid = i.ToString(System.Globalization.CultureInfo.InvariantCulture) } };

    [Theory]
    [InlineData(0)]
    [InlineData(4096)]
    [InlineData(100)]
    [InlineData(131071)]
    public void Constructor_CapacityNotPowerOfTwoMinusOneOrTooLarge_Throws(int capacity)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlowRing(capacity));
    }

    [Fact]
    public void Constructor_Default_Holds4095()
    {
        Assert.Equal(4095, new FlowRing().Capacity);
        Assert.Equal(65535, new FlowRing(65535).Capacity);
    }

    [Fact]
    public void Write_PastCapacity_OverwritesOldest()
    {
        var ring = new FlowRing(7);
        for (var i = 0; i < 10; i++)
        {
            ring.Write(Entry(i));
        }
        Assert.Equal(7, ring.Count);
        Assert.Equal(3, ring.Oldest);
        Assert.Equal(10, ring.Head);
        Assert.Equal(RingRead.Lost, ring.TryRead(2, out _));
        Assert.Equal(RingRead.Ok, ring.TryRead(3, out var oldest));
        Assert.Equal("3", oldest!.Flow.Uuid);
        Assert.Equal(RingRead.Ok, ring.TryRead(9, out var newest));
        Assert.Equal("9", newest!.Flow.Uuid);
        Assert.Equal(RingRead.NotYet, ring.TryRead(10, out _));
    }

    [Fact]
    public async Task ReadAsync_FollowerLappedByWriter_GetsLostEventWithCount()
    {
        var ring = new FlowRing(7);
        var reader = new FlowReader(ring, new GetFlowsRequest { Follow = true }, FlowFilterSet.All);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var e = reader.ReadAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var first = e.MoveNextAsync();
        ring.Write(Entry(0));
        Assert.True(await first);
        Assert.Equal("0", e.Current.Entry.Flow.Uuid);
        // The follower is at sequence 1; twenty writes into a ring of seven leave it 13 behind the oldest.
        for (var i = 1; i <= 20; i++)
        {
            ring.Write(Entry(i));
        }
        Assert.True(await e.MoveNextAsync());
        Assert.Equal(LostEventSource.HubbleRingBuffer, e.Current.Entry.LostEvents.Source);
        Assert.Equal(13UL, e.Current.Entry.LostEvents.NumEventsLost);
        Assert.True(await e.MoveNextAsync());
        Assert.Equal("14", e.Current.Entry.Flow.Uuid);
    }

    [Fact]
    public async Task RunAsync_QueueOverflow_ReportsObserverEventsQueueLoss()
    {
        var options = new HubbleOptions { NodeName = "node-1", BufferCapacity = 63, EventQueueSize = 4 };
        var metrics = new HubbleMetrics();
        var observer = new HubbleObserver(options, new FlowBuilder(new TestResolver(), "node-1"), metrics, TimeProvider.System, NullLogger<HubbleObserver>.Instance);
        var accepted = 0;
        for (var i = 0; i < 10; i++)
        {
            accepted += observer.TryEnqueue(Notifications.Trace(TestResolver.ClientIp, TestResolver.ServerIp, at: TimeSpan.FromMilliseconds(i))) ? 1 : 0;
        }
        Assert.Equal(4, accepted);
        using var cts = new CancellationTokenSource();
        var run = observer.RunAsync(cts.Token);
        for (var i = 0; i < 1000 && observer.SeenFlows < 4; i++)
        {
            await Task.Delay(10);
        }
        await cts.CancelAsync();
        await run;

        var entries = Enumerable.Range(0, (int)observer.Ring.Head).Select(s => observer.Ring.TryRead(s, out var x) == RingRead.Ok ? x! : null).ToList();
        var lost = Assert.Single(entries, x => x?.LostEvents is not null);
        Assert.Equal(LostEventSource.ObserverEventsQueue, lost!.LostEvents.Source);
        Assert.Equal(6UL, lost.LostEvents.NumEventsLost);
        Assert.Equal(4, entries.Count(x => x?.Flow is not null));
        var text = new StringWriter();
        metrics.WriteTo(text);
        Assert.Contains("hubble_lost_events_total{source=\"OBSERVER_EVENTS_QUEUE\"} 6", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_LastN_ReturnsNewestNMatchingInOrder()
    {
        var ring = new FlowRing(15);
        for (var i = 0; i < 40; i++)
        {
            ring.Write(new GetFlowsResponse { Flow = new Flow { Uuid = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Verdict = i % 2 == 0 ? Verdict.Forwarded : Verdict.Dropped } });
        }
        var request = new GetFlowsRequest { Number = 3 };
        request.Whitelist.Add(new FlowFilter { Verdict = { Verdict.Dropped } });
        var uuids = new List<string>();
        await foreach (var (entry, _) in new FlowReader(ring, request, new FlowFilterSet(request.Whitelist, request.Blacklist)).ReadAsync(CancellationToken.None))
        {
            uuids.Add(entry.Flow.Uuid);
        }
        Assert.Equal(["35", "37", "39"], uuids);
    }

    [Fact]
    public async Task ReadAsync_FirstN_ReturnsOldestNStillHeld()
    {
        var ring = new FlowRing(15);
        for (var i = 0; i < 40; i++)
        {
            ring.Write(Entry(i));
        }
        var uuids = new List<string>();
        await foreach (var (entry, _) in new FlowReader(ring, new GetFlowsRequest { First = true, Number = 2 }, FlowFilterSet.All).ReadAsync(CancellationToken.None))
        {
            uuids.Add(entry.Flow.Uuid);
        }
        Assert.Equal(["25", "26"], uuids);
    }

    [Fact]
    public void Validate_FirstWithFollow_IsRejected()
    {
        Assert.NotNull(FlowReader.Validate(new GetFlowsRequest { First = true, Follow = true }));
        Assert.Null(FlowReader.Validate(new GetFlowsRequest { Number = 5, Follow = true }));
    }
}
