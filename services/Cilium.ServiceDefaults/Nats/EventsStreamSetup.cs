using Cilium.Contracts;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Cilium.ServiceDefaults.Nats;

/// <summary>
/// Creates (or updates) <c>CILIUM_EVENTS</c>, the stream that keeps every <c>cilium.v1.&gt;</c> event on disk.
/// Every service runs it at start; the call is idempotent, so replicas do not need to agree on who goes first.
/// </summary>
public sealed class EventsStreamSetup(INatsJSContext js, ILogger<EventsStreamSetup> logger)
{
    /// <summary>How many events per subject the stream keeps; readers replay the last one.</summary>
    public const long HistoryPerSubject = 16;

    public static StreamConfig Config => new(Subjects.EventsStream, [Subjects.All])
    {
        Storage = StreamConfigStorage.File,
        Retention = StreamConfigRetention.Limits,
        MaxMsgsPerSubject = HistoryPerSubject,
        DuplicateWindow = TimeSpan.FromMinutes(2),
        AllowDirect = true,
    };

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        await js.CreateOrUpdateStreamAsync(Config, cancellationToken);
        logger.LogInformation("Events stream {Stream} ready for {Subjects}", Subjects.EventsStream, Subjects.All);
    }
}
