namespace Cilium.Hubble.Ingest;

/// <summary>Where a trace notification was emitted, numbered as the datapath's <c>TRACE_*</c> codes (the sub type).</summary>
public enum TracePoint : byte
{
    ToEndpoint = 0,
    ToProxy = 1,
    ToHost = 2,
    ToStack = 3,
    ToOverlay = 4,
    FromEndpoint = 5,
    FromProxy = 6,
    FromHost = 7,
    FromStack = 8,
    FromOverlay = 9,
    FromNetwork = 10,
    ToNetwork = 11,
    FromCrypto = 12,
    ToCrypto = 13,
}
