namespace Cilium.Hubble.Ingest;

/// <summary>TCP flags as in byte 13 of the TCP header, so the datapath can hand the raw byte over.</summary>
[Flags]
public enum TcpFlags : byte
{
    None = 0,
    Fin = 0x01,
    Syn = 0x02,
    Rst = 0x04,
    Psh = 0x08,
    Ack = 0x10,
    Urg = 0x20,
    Ece = 0x40,
    Cwr = 0x80,
}
