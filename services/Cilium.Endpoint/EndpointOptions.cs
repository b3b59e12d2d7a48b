using System.ComponentModel.DataAnnotations;

namespace Cilium.Endpoint;

/// <summary>Settings of the endpoint service (section <c>Endpoint</c>).</summary>
public sealed class EndpointOptions
{
    public const string SectionName = "Endpoint";

    /// <summary>The JetStream key-value bucket that is the source of truth for endpoints, nodes and their claims.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_-]+$")]
    public string Bucket { get; set; } = "cilium-endpoints";

    /// <summary>
    /// Revisions kept per key. More than one lets the event publisher, which reads the bucket's stream, still see
    /// every change of a key that changes several times in a burst.
    /// </summary>
    [Range(1, 64)]
    public int History { get; set; } = 10;

    /// <summary>
    /// How long a claim (an IP, a pod CIDR) whose holder has not written its record yet counts as in flight. After
    /// that, a claimer may fence the holder and take the claim over: this is what frees a claim left by a replica
    /// that crashed between its two writes. Safety does not depend on it, only how soon such a claim is freed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ClaimGrace { get; set; } = TimeSpan.FromSeconds(10);
}
