namespace Cilium.Contracts.Nodes;

/// <summary>Command: create or replace a node that has already been validated and normalised.</summary>
public sealed record PutNode(CiliumNode Node);

/// <summary>Reply to <see cref="PutNode"/>: the stored node with its revision; <paramref name="Created"/> when it is new.</summary>
public sealed record NodeStored(CiliumNode Node, bool Created);

/// <summary>Reply to <see cref="PutNode"/> when a pod CIDR overlaps one of another node.</summary>
/// <param name="Field">The request field, e.g. <c>podCIDRs[1]</c>.</param>
public sealed record NodePodCidrConflict(string Field, string PodCidr, string OtherNode, string OtherPodCidr);
