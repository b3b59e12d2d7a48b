using System.ComponentModel.DataAnnotations;

namespace Cilium.ServiceDefaults.Nats;

/// <summary><c>Nats:Url</c>: where the message bus is.</summary>
public sealed class NatsOptions
{
    public const string SectionName = "Nats";

    [Required]
    public string Url { get; set; } = "nats://127.0.0.1:4222";

    /// <summary>
    /// Scratch buckets of a start-up rehearsal (<see cref="KvRehearsal"/>) older than this were left by a process
    /// killed during its rehearsal and are removed at start; younger ones may belong to a replica rehearsing right now.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ScratchBucketLeftoverAge { get; set; } = TimeSpan.FromMinutes(1);
}
