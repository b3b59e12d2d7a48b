namespace Cilium.Contracts.Nodes;

/// <summary>Command: delete a node; with <paramref name="Revision"/>, only if it is still at that revision.</summary>
public sealed record DeleteNode(string Name, ulong? Revision);

/// <summary>Reply to <see cref="DeleteNode"/>: the node is gone, with the revision of its deletion.</summary>
public sealed record NodeDeleted(string Name, ulong Revision);

/// <summary>Reply to <see cref="DeleteNode"/> when no such node exists.</summary>
public sealed record NodeNotFound(string Name);

/// <summary>Reply to <see cref="DeleteNode"/> when the stored node is not at the expected revision; nothing was removed.</summary>
public sealed record NodeRevisionMismatch(string Name, ulong Expected, ulong Current);
