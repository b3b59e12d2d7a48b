using System.ComponentModel.DataAnnotations;

namespace Cilium.Identity;

/// <summary>Settings of the identity service (section <c>Identity</c>).</summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary>The JetStream key-value bucket that is the source of truth for identities.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_-]+$")]
    public string Bucket { get; set; } = "cilium-identities";

    /// <summary>
    /// The highest local part (the low 16 bits) this cluster allocates; 65535 is Cilium's. Lower it only to
    /// test what happens when the range runs out.
    /// </summary>
    [Range(256, 65535)]
    public long MaxLocalId { get; set; } = 65535;
}
