namespace Cilium.Hubble.Filters;

/// <summary>A FlowFilter that cannot be evaluated: bad CIDR, bad selector, a field this observer does not support.</summary>
public sealed class FilterException(string message) : Exception(message);
