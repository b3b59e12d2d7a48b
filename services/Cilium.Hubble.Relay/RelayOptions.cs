using System.ComponentModel.DataAnnotations;

namespace Cilium.Hubble.Relay;

/// <summary><c>Relay:*</c> configuration of hubble-relay.</summary>
public sealed class RelayOptions
{
    public const string SectionName = "Relay";

    /// <summary>gRPC (HTTP/2 cleartext) listen address of the Observer service; Cilium's default port is 4245.</summary>
    [Required]
    public string ListenAddress { get; set; } = "127.0.0.1:4245";

    /// <summary>Static peers: <c>name=host:port</c> or <c>host:port</c> (the address is the name).</summary>
    public List<string> Peers { get; set; } = [];

    /// <summary>
    /// Peer services (any node's observer, <c>host:port</c> or <c>unix:///path</c>) to learn the cluster's observers
    /// from; each announces every node, so one is enough and more are followed side by side for redundancy.
    /// </summary>
    public List<string> PeerServices { get; set; } = [];

    /// <summary>Serve the Hubble UI under <c>/</c> (<c>--ui</c>).</summary>
    public bool Ui { get; set; }

    /// <summary>How long a node may take to answer a status or namespaces call before it counts as unavailable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>With follow, how long a flow may wait for older flows of slower nodes before it is sent anyway.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan SortBufferDrainTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Flows held for ordering at most; past this the oldest is sent.</summary>
    [Range(1, 1_000_000)]
    public int SortBufferMaxLen { get; set; } = 1000;

    /// <summary>Delay before re-subscribing to a Peer service that went away.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
