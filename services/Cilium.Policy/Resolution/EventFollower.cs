using System.Text.Json;
using Cilium.Contracts;
using Cilium.Contracts.Events;
using Cilium.Contracts.Json;
using Cilium.ServiceDefaults.Health;
using Cilium.ServiceDefaults.Nats;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Cilium.Policy.Resolution;

/// <summary>
/// Follows one kind of another service's events on the events stream, level-triggered: an ephemeral consumer replays
/// the last event of every subject, then follows. Ready once the replay is done. After an interruption a new consumer
/// replays again, which is harmless because every event carries the whole state of its key.
/// </summary>
/// <remarks>
/// nats-server 2.9 honours only the single <c>filter_subject</c>; ordered consumers send <c>filter_subjects</c>, which it
/// ignores, so this builds its own consumer.
/// </remarks>
public abstract class EventFollower(INatsJSContext js, StartupRetry retry, Readiness readiness, ILogger logger) : BackgroundService
{
    protected abstract string Filter { get; }
    protected abstract string Gate { get; }

    protected abstract void Apply(CiliumEvent evt);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        readiness.Register(Gate);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var consumer = await retry.RunAsync(async ct => await js.CreateOrUpdateConsumerAsync(Subjects.EventsStream, new ConsumerConfig
                {
                    Name = $"cilium-policy-{Gate}-{Guid.NewGuid():N}",
                    FilterSubject = Filter,
                    DeliverPolicy = ConsumerConfigDeliverPolicy.LastPerSubject,
                    AckPolicy = ConsumerConfigAckPolicy.None,
                    InactiveThreshold = TimeSpan.FromMinutes(1),
                }, ct), stoppingToken);
                if (consumer.Info.NumPending == 0)
                {
                    readiness.Open(Gate);
                }
                logger.LogInformation("Following {Filter} ({Pending} to replay)", Filter, consumer.Info.NumPending);
                await foreach (var msg in consumer.ConsumeAsync<byte[]>(cancellationToken: stoppingToken))
                {
                    if (msg.Data is { Length: > 0 })
                    {
                        Handle(msg.Data, msg.Subject);
                    }
                    if (msg.Metadata?.NumPending == 0)
                    {
                        readiness.Open(Gate);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Following {Filter} interrupted; replaying", Filter);
                await Task.Delay(200, stoppingToken);
            }
        }
    }

    private void Handle(byte[] data, string subject)
    {
        try
        {
            var evt = JsonSerializer.Deserialize(data, CiliumJsonContext.Default.CiliumEvent);
            if (evt is not null)
            {
                Apply(evt);
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or Core.Labels.LabelException or Core.Errors.DomainException)
        {
            // One malformed event must not stop the others; the publisher owns its shape.
            logger.LogWarning("Ignoring event on {Subject}: {Error}", subject, e.Message);
        }
    }
}
