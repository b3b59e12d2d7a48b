namespace Cilium.Contracts.Endpoints;

/// <summary>Command: create or replace an endpoint that has already been validated and normalised.</summary>
public sealed record PutEndpoint(CiliumEndpoint Endpoint);

/// <summary>Reply to <see cref="PutEndpoint"/>: the stored endpoint with its revision; <paramref name="Created"/> when it is new.</summary>
public sealed record EndpointStored(CiliumEndpoint Endpoint, bool Created);

/// <summary>Reply to <see cref="PutEndpoint"/> when another endpoint holds one of its IPs.</summary>
/// <param name="Field">The request field naming the IP (<c>addressing.ipv4</c> or <c>addressing.ipv6</c>).</param>
/// <param name="Holder">The holder as <c>namespace/name</c>.</param>
public sealed record EndpointIpConflict(string Field, string Ip, string Holder);
