using System.ComponentModel.DataAnnotations;

namespace Cilium.ServiceDefaults.Nats;

/// <summary><c>Nats:Url</c>: where the message bus is.</summary>
public sealed class NatsOptions
{
    public const string SectionName = "Nats";

    [Required]
    public string Url { get; set; } = "nats://127.0.0.1:4222";
}
