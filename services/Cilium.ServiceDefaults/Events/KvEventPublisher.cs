using System.Text.Json;
using Cilium.Contracts.Events;
using Cilium.Contracts.Json;
using Cilium.ServiceDefaults.Nats;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Cilium.ServiceDefaults.Events;

/// <summary>
/// Publishes every committed change of a bucket as a <c>cilium.v1.…</c> event: the outbox of the service.
/// It reads the bucket's own stream through a durable consumer, so a change committed just before a crash
/// is published after the restart, and a redelivered change reuses its de-duplication id
/// (<c>kind:key:revision</c>). <c>MaxAckPending = 1</c> keeps events in commit order across replicas: the
/// server hands the next change to whichever replica asks, only after the previous one was published.
/// </summary>
public sealed class KvEventPublisher(
    KvEventSource source,
    INatsJSContext js,
    StartupRetry retry,
    ILogger<KvEventPublisher> logger) : BackgroundService
{
    private const string KvOperationHeader = "KV-Operation";

    // The pull batch must not exceed MaxAckPending: nats-server answers a larger pull request with
    // "409 Exceeded MaxAckPending" instead of queueing it, and the client's default batch (1,000) then left a committed
    // change waiting until the next pull, up to the 30 s pull expiry (seen as a 30 s policy propagation in the agent
    // benchmark). A batch of one keeps the next pull queued at the server while the current event is published.
    private static readonly NatsJSConsumeOpts PullOneAtATime = new() { MaxMsgs = 1, Expires = TimeSpan.FromSeconds(5) };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var consumer = await retry.RunAsync(async ct => await js.CreateOrUpdateConsumerAsync(source.StreamName, new ConsumerConfig(source.ConsumerName)
                {
                    FilterSubject = source.FilterSubject,
                    AckPolicy = ConsumerConfigAckPolicy.Explicit,
                    DeliverPolicy = ConsumerConfigDeliverPolicy.All,
                    MaxAckPending = 1,
                    AckWait = TimeSpan.FromSeconds(5),
                }, ct), stoppingToken);
                logger.LogInformation("Publishing events of bucket {Bucket} ({Filter}) as {Kind}", source.Bucket, source.FilterSubject, source.Kind);
                await foreach (var msg in consumer.ConsumeAsync<byte[]>(opts: PullOneAtATime, cancellationToken: stoppingToken))
                {
                    await PublishAsync(msg, stoppingToken);
                    await msg.AckAsync(cancellationToken: stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Event publishing for bucket {Bucket} interrupted; resuming", source.Bucket);
                await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken);
            }
        }
    }

    private async Task PublishAsync(INatsJSMsg<byte[]> msg, CancellationToken cancellationToken)
    {
        var bucketKey = msg.Subject[(source.FilterSubject.Length - 1)..];
        var (subject, eventKey) = source.Route(bucketKey);
        var revision = msg.Metadata?.Sequence.Stream ?? 0;
        var deleted = msg.Headers is not null && msg.Headers.TryGetValue(KvOperationHeader, out var op) && op.ToString() is "DEL" or "PURGE";
        JsonElement? data = deleted || msg.Data is null || msg.Data.Length == 0
            ? null
            : JsonSerializer.Deserialize(msg.Data, CiliumJsonContext.Default.JsonElement);
        var evt = new CiliumEvent(
            source.Kind,
            deleted ? EventOps.Delete : EventOps.Upsert,
            eventKey,
            revision,
            msg.Metadata?.Timestamp ?? DateTimeOffset.UtcNow,
            data);
        var headers = new NatsHeaders
        {
            [EventHeaders.Kind] = source.Kind,
            [EventHeaders.Op] = evt.Op,
            [EventHeaders.Revision] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var ack = await js.PublishAsync(
            subject,
            JsonSerializer.SerializeToUtf8Bytes(evt, CiliumJsonContext.Default.CiliumEvent),
            opts: new NatsJSPubOpts { MsgId = $"{source.Kind}:{eventKey}:{revision}" },
            headers: headers,
            cancellationToken: cancellationToken);
        // A duplicate is the redelivery this outbox exists for: the event went out before a crash took the ack to the
        // bucket's consumer with it. It is published; treating it as a failure left the change unacked and, with
        // MaxAckPending = 1, every later change of the bucket stuck behind it.
        if (ack.Duplicate)
        {
            logger.LogDebug("Event {Subject} revision {Revision} was already published", subject, revision);
            return;
        }
        ack.EnsureSuccess();
    }
}
