namespace Cilium.Hubble.Ingest;

/// <summary>The datapath's monitor message types (Cilium <c>pkg/monitor/api/types.go</c>); the value is the wire byte.</summary>
public enum NotificationType : byte
{
    Drop = 1,
    Debug = 2,
    Capture = 3,
    Trace = 4,
    PolicyVerdict = 5,
    TraceSock = 7,
}
