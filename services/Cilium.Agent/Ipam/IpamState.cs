namespace Cilium.Agent.Ipam;

/// <summary>What the IPAM file holds: every allocated address with its owner.</summary>
public sealed record IpamState(Dictionary<string, string> Allocations);
