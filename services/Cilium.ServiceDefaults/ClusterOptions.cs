using System.ComponentModel.DataAnnotations;

namespace Cilium.ServiceDefaults;

/// <summary>The cluster this process belongs to (<c>Cluster:Name</c>, <c>Cluster:Id</c>), shared by every executable.</summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Cluster";

    [Required, RegularExpression("^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$", ErrorMessage = "Cluster:Name must be a lower-case DNS label of at most 32 characters")]
    public string Name { get; set; } = "default";

    /// <summary>0..255: the upper bits of every identity this cluster allocates (ClusterMesh).</summary>
    [Range(0, 255)]
    public int Id { get; set; }
}
