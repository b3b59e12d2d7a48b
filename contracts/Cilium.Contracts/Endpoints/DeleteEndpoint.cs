namespace Cilium.Contracts.Endpoints;

/// <summary>Command: delete an endpoint; with <paramref name="Revision"/>, only if it is still at that revision.</summary>
public sealed record DeleteEndpoint(string Namespace, string Name, ulong? Revision);

/// <summary>Reply to <see cref="DeleteEndpoint"/>: the endpoint is gone, with the revision of its deletion.</summary>
public sealed record EndpointDeleted(string Namespace, string Name, ulong Revision);

/// <summary>Reply to <see cref="DeleteEndpoint"/> when no such endpoint exists.</summary>
public sealed record EndpointNotFound(string Namespace, string Name);

/// <summary>Reply to <see cref="DeleteEndpoint"/> when the stored endpoint is not at the expected revision; nothing was removed.</summary>
public sealed record EndpointRevisionMismatch(string Namespace, string Name, ulong Expected, ulong Current);
