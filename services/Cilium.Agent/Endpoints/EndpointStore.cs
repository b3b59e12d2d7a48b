using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Cilium.Agent.Endpoints;

/// <summary>Each local endpoint as a JSON file in the state dir, written atomically, so a restarted agent restores them.</summary>
public sealed class EndpointStore(IOptions<AgentOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly string _dir = Path.Combine(options.Value.StateDir, "endpoints");

    public void Save(AgentEndpoint endpoint)
    {
        Directory.CreateDirectory(_dir);
        var file = Path.Combine(_dir, $"{endpoint.Id:D5}.json");
        File.WriteAllText(file + ".tmp", JsonSerializer.Serialize(endpoint, Json));
        File.Move(file + ".tmp", file, overwrite: true);
    }

    public void Delete(ushort id) => File.Delete(Path.Combine(_dir, $"{id:D5}.json"));

    public IReadOnlyList<AgentEndpoint> LoadAll() =>
        !Directory.Exists(_dir)
            ? []
            : Directory.GetFiles(_dir, "*.json")
                .Select(f => JsonSerializer.Deserialize<AgentEndpoint>(File.ReadAllText(f), Json))
                .OfType<AgentEndpoint>()
                .ToList();
}
