namespace Cilium.Cli.Lab;

/// <summary>
/// Where the lab's hubble-relay answers once <c>cilium hubble enable</c> started it: gRPC for <c>hubble observe
/// --server</c>, HTTP for REST, server-sent events and (with <c>--ui</c>) the Hubble UI. Its process is the
/// <c>hubble-relay</c> entry of <see cref="LabState.Services"/>, so status, health and <c>lab down</c> treat it like the rest.
/// </summary>
public sealed record LabHubbleRelay(string Server, string HttpUrl, bool Ui)
{
    public const string ServiceName = "hubble-relay";

    public string? UiUrl => Ui ? HttpUrl + "/" : null;
}
