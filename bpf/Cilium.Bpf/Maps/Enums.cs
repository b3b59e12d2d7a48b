namespace Cilium.Bpf.Maps;

/// <summary>Whose policy: numbered as cilium_metrics and Hubble's TrafficDirection.</summary>
public enum TrafficDirection : byte
{
    Unknown = 0,
    Ingress = 1,
    Egress = 2,
}

/// <summary>Hubble Verdict values the datapath reports.</summary>
public enum Verdict : byte
{
    Unknown = 0,
    Forwarded = 1,
    Dropped = 2,
}

/// <summary>Cilium monitor message types.</summary>
public enum FlowEventType : byte
{
    Drop = 1,
    Trace = 4,
    PolicyVerdict = 5,
}

/// <summary>Hubble PolicyMatchType (pkg/monitor/api/types.go).</summary>
public enum PolicyMatchType : byte
{
    None = 0,
    L3Only = 1,
    L3L4 = 2,
    L4Only = 3,
    All = 4,
    L3Proto = 5,
    ProtoOnly = 6,
}

/// <summary>Connection-tracking state of the packet an event reports.</summary>
public enum CtState : byte
{
    New = 0,
    Established = 1,
    Reply = 2,
    Related = 3,
}

/// <summary>How much the ring buffer reports; set at run time through <see cref="ConfigMap"/>.</summary>
public enum EventAggregation : uint
{
    /// <summary>Every packet, established ones included.</summary>
    None = 0,

    /// <summary>The verdict on every new connection and every drop (the default).</summary>
    Medium = 1,

    /// <summary>Drops only.</summary>
    Maximum = 2,
}

/// <summary>Drop reasons the datapath uses (Cilium's numbers, Hubble's DropReason).</summary>
public static class DropReason
{
    public const byte Forwarded = 0;
    public const byte PolicyDenied = 133;
    public const byte InvalidPacket = 134;
    public const byte CtTruncatedOrInvalidHeader = 135;
    public const byte UnsupportedL3Protocol = 139;
    public const byte CtMapInsertionFailed = 155;
    public const byte InvalidIPv6ExtensionHeader = 156;
    public const byte FragmentNotFound = 175;
    public const byte PolicyDeny = 181;
    public const byte EndpointNotReady = 203;
}

/// <summary>Reserved identities the datapath knows by number.</summary>
public static class ReservedIdentity
{
    public const uint Unknown = 0;
    public const uint Host = 1;
    public const uint World = 2;
}
