using Cilium.Core.Errors;

namespace Cilium.Agent.Datapath;

/// <summary>An endpoint's desired policy needs more entries than its map holds: an error on the endpoint, never a partial map.</summary>
public sealed class PolicyMapOverflowException(ushort endpointId, int needed, uint capacity)
    : DomainException($"policy map of endpoint {endpointId} would overflow: {needed} entries needed, {capacity} available (bpf-policy-map-max)");
