using System.Text.Json;
using Cilium.Contracts;
using Cilium.Contracts.Json;
using Cilium.ServiceDefaults.Health;
using Cilium.ServiceDefaults.Nats;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Cilium.Agent.Sync;

/// <summary>
/// Level-triggered sync with the cluster: for each kind (identity, endpoint, node, policy) replays the last event
/// of every subject from <c>CILIUM_EVENTS</c>, then follows, handing each event to the <see cref="AgentReconciler"/>.
/// A lost connection or a restarted nats-server just means replaying again: applying the last state twice is
/// harmless, and the reconciler drops anything older than what it applied. The agent is ready once every kind
/// has been replayed, so it never regenerates endpoints against a half-known cluster.
/// </summary>
public sealed class ClusterEventsWatcher(
    INatsJSContext js,
    AgentReconciler reconciler,
    StartupRetry retry,
    Readiness readiness,
    ILogger<ClusterEventsWatcher> logger) : BackgroundService
{
    public const string Gate = "cluster-sync";
    private static readonly string[] Kinds = [Subjects.IdentityKind, Subjects.NodeKind, Subjects.EndpointKind, Subjects.PolicyKind];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        readiness.Register(Gate);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var synced = new TaskCompletionSource[Kinds.Length];
        for (var i = 0; i < Kinds.Length; i++)
        {
            synced[i] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        var followers = Kinds.Select((kind, i) => FollowAsync(kind, synced[i], stoppingToken)).ToArray();
        await Task.WhenAll(synced.Select(s => s.Task)).WaitAsync(stoppingToken);
        await reconciler.WhenIdleAsync(stoppingToken);
        logger.LogInformation("Cluster state replayed: {Kinds}", string.Join(", ", Kinds));
        readiness.Open(Gate);
        await Task.WhenAll(followers);
    }

    private async Task FollowAsync(string kind, TaskCompletionSource synced, CancellationToken stoppingToken)
    {
        var filter = $"{Subjects.Prefix}.{kind}.>";
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // nats-server 2.9 honours only the single filter_subject, hence one consumer per kind.
                var consumer = await retry.RunAsync(async ct => await js.CreateOrUpdateConsumerAsync(Subjects.EventsStream, new ConsumerConfig
                {
                    Name = $"agent-{kind}-{Guid.NewGuid():N}",
                    FilterSubject = filter,
                    DeliverPolicy = ConsumerConfigDeliverPolicy.LastPerSubject,
                    AckPolicy = ConsumerConfigAckPolicy.None,
                    InactiveThreshold = TimeSpan.FromMinutes(1),
                    MemStorage = true,
                }, ct), stoppingToken);
                var pending = consumer.Info.NumPending;
                if (pending == 0)
                {
                    synced.TrySetResult();
                }
                await foreach (var msg in consumer.ConsumeAsync<byte[]>(cancellationToken: stoppingToken))
                {
                    if (msg.Data is { Length: > 0 })
                    {
                        var envelope = JsonSerializer.Deserialize(msg.Data, CiliumJsonContext.Default.CiliumEvent)!;
                        await reconciler.EnqueueAsync(new ClusterEvent(msg.Subject, envelope.Kind, envelope.Op, envelope.Key, envelope.Revision, envelope.Data), stoppingToken);
                    }
                    if (msg.Metadata is { NumPending: 0 })
                    {
                        synced.TrySetResult();
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Following {Kind} events interrupted; replaying", kind);
                await Task.Delay(250, stoppingToken);
            }
        }
    }
}
