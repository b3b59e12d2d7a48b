namespace Cilium.Hubble.Ingest;

/// <summary>Direction relative to the endpoint the event was emitted for, as the datapath numbers it (1 ingress, 2 egress).</summary>
public enum PacketDirection : byte
{
    Unknown = 0,
    Ingress = 1,
    Egress = 2,
}
