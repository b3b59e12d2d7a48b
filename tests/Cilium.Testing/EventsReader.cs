using System.Text.Json;
using Cilium.Contracts;
using Cilium.Contracts.Events;
using Cilium.Contracts.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Cilium.Testing;

/// <summary>Reads what the events stream holds for a subject filter, as any external subscriber would.</summary>
public static class EventsReader
{
    public static async Task<IReadOnlyList<CiliumEvent>> ReadAllAsync(string natsUrl, string filter, CancellationToken cancellationToken = default)
    {
        await using var nats = new NatsConnection(NatsOpts.Default with { Url = natsUrl });
        var js = new NatsJSContext(nats);
        var stream = await js.GetStreamAsync(Subjects.EventsStream, cancellationToken: cancellationToken);
        // nats-server 2.9 knows only the single filter_subject; ordered consumers send filter_subjects, which it ignores.
        var consumer = await js.CreateOrUpdateConsumerAsync(Subjects.EventsStream, new ConsumerConfig
        {
            Name = $"test-reader-{Guid.NewGuid():N}",
            FilterSubject = filter,
            AckPolicy = ConsumerConfigAckPolicy.None,
            DeliverPolicy = ConsumerConfigDeliverPolicy.All,
            InactiveThreshold = TimeSpan.FromSeconds(30),
        }, cancellationToken);
        var events = new List<CiliumEvent>();
        if (stream.Info.State.Messages == 0)
        {
            return events;
        }
        while (true)
        {
            var before = events.Count;
            await foreach (var msg in consumer.FetchNoWaitAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 1000 }, cancellationToken: cancellationToken))
            {
                events.Add(JsonSerializer.Deserialize(msg.Data!, CiliumJsonContext.Default.CiliumEvent)!);
            }
            if (events.Count == before)
            {
                return events;
            }
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds over the stream's events, or the time is up; returns the last read.</summary>
    public static async Task<IReadOnlyList<CiliumEvent>> WaitForAsync(string natsUrl, string filter, Func<IReadOnlyList<CiliumEvent>, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        IReadOnlyList<CiliumEvent> events = [];
        while (DateTime.UtcNow < deadline)
        {
            events = await ReadAllAsync(natsUrl, filter);
            if (condition(events))
            {
                return events;
            }
            await Task.Delay(100);
        }
        return events;
    }
}
