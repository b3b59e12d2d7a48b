namespace Cilium.Cli.Lab;

/// <summary>
/// What <c>lab.json</c> records of a running lab: how the CLI (status, pods, connectivity test) finds its parts.
/// </summary>
public sealed record LabState(
    string Name,
    string Dir,
    string Cluster,
    string NatsUrl,
    IReadOnlyList<LabService> Services,
    IReadOnlyList<LabAgent> Agents,
    DateTimeOffset CreatedAt,
    LabHubbleRelay? HubbleRelay = null)
{
    public LabService? Service(string name) => Services.FirstOrDefault(s => s.Name == name);

    [System.Text.Json.Serialization.JsonIgnore]
    public string PolicyUrl => Service("cilium-policy")?.Url ?? throw new InvalidOperationException("the lab has no policy service");
}
