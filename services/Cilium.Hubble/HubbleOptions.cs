using System.ComponentModel.DataAnnotations;

namespace Cilium.Hubble;

/// <summary>
/// <c>Hubble:*</c> configuration of a node's observer, with Cilium's defaults (<c>hubble-listen-address</c>,
/// <c>hubble-socket-path</c>, <c>hubble-event-buffer-capacity</c>, <c>hubble-event-queue-size</c>).
/// </summary>
public sealed class HubbleOptions
{
    public const string SectionName = "Hubble";

    /// <summary>Flows kept: 2^n - 1, at most 65535.</summary>
    [Range(1, Ring.FlowRing.MaxCapacity)]
    public int BufferCapacity { get; set; } = Ring.FlowRing.DefaultCapacity;

    /// <summary>Notifications waiting to become flows; when full, new ones are counted as lost (OBSERVER_EVENTS_QUEUE).</summary>
    [Range(1, 1 << 20)]
    public int EventQueueSize { get; set; } = 4096;

    /// <summary>TCP listen address, <c>:4244</c> for every interface, <c>127.0.0.1:4244</c>; empty: no TCP.</summary>
    public string ListenAddress { get; set; } = ":4244";

    /// <summary>Unix socket for local clients; empty: none.</summary>
    public string SocketPath { get; set; } = "/var/run/cilium/hubble.sock";

    /// <summary>The node this observer runs on; shown in every flow and by the relay.</summary>
    [Required]
    public string NodeName { get; set; } = Environment.MachineName;

    /// <summary>The address other components (the relay) reach this observer at; defaults to the listen address.</summary>
    public string AdvertiseAddress { get; set; } = "";

    /// <summary>Plain HTTP address of the Prometheus <c>/metrics</c> endpoint (Cilium uses <c>:9965</c>); empty: none.</summary>
    public string MetricsListenAddress { get; set; } = "";

    public string Version { get; set; } = HubbleVersion.Current;
}
