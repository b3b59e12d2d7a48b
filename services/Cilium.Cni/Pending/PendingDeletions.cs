using System.Text.Json;
using Cilium.Cni.Agent;
using Cilium.Cni.Spec;
using Cilium.Contracts.Cni;

namespace Cilium.Cni.Pending;

/// <summary>
/// The queue of deletions made while the agent was down (Cilium keeps a similar queue under
/// /var/run/cilium/deleteQueue). Every ADD, DEL and CHECK drains it first, so an endpoint deleted while its agent was
/// restarting is gone from the agent, with its address, by the next pod operation on that node.
/// </summary>
public sealed class PendingDeletions(string directory)
{
    public const string DirectoryName = "cni-pending";

    public string Directory { get; } = directory;

    /// <summary>The queue of the agent listening on <paramref name="socketPath"/>: beside it, so agents sharing a machine keep their own.</summary>
    public static PendingDeletions ForSocket(string socketPath) =>
        new(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(socketPath)) ?? "/var/run/cilium", DirectoryName));

    public IReadOnlyList<string> Files =>
        System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetFiles(Directory, "*.json") : [];

    public void Enqueue(PendingDeletion deletion)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var file = Path.Combine(Directory, $"{deletion.ContainerId}-{deletion.InterfaceName}.json");
        var temp = file + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(deletion, CniJsonContext.Default.PendingDeletion));
        File.Move(temp, file, overwrite: true);
    }

    /// <summary>
    /// Finishes every queued deletion; stops at the first one the agent cannot take (it is still down) by throwing
    /// <see cref="AgentUnreachableException"/>. Two plugins draining at once is harmless: the second sees 404s.
    /// </summary>
    public async Task<int> DrainAsync(AgentClient agent, CancellationToken cancellationToken)
    {
        var done = 0;
        foreach (var file in Files)
        {
            PendingDeletion? deletion;
            try
            {
                deletion = JsonSerializer.Deserialize(await File.ReadAllTextAsync(file, cancellationToken), CniJsonContext.Default.PendingDeletion);
            }
            catch (Exception e) when (e is JsonException or FileNotFoundException)
            {
                // Another plugin finished it, or it is not ours to read: leave it to a person rather than loop on it.
                continue;
            }
            if (deletion is null)
            {
                continue;
            }
            Delete(agent, deletion);
            File.Delete(file);
            done++;
        }
        return done;
    }

    /// <summary>Deletes the endpoint and releases every address it or the queue entry knows of; missing ones are fine.</summary>
    public static void Delete(AgentClient agent, PendingDeletion deletion)
    {
        var endpoint = agent.GetEndpoint(deletion.EndpointId);
        var addresses = new HashSet<string>(deletion.Addresses, StringComparer.Ordinal);
        foreach (var pair in endpoint?.Status?.Networking?.Addressing ?? [])
        {
            if (pair.Ipv4 is { Length: > 0 } v4)
            {
                addresses.Add(v4);
            }
            if (pair.Ipv6 is { Length: > 0 } v6)
            {
                addresses.Add(v6);
            }
        }
        if (endpoint is not null)
        {
            agent.DeleteEndpoint(deletion.EndpointId);
        }
        foreach (var address in addresses)
        {
            agent.ReleaseIp(address);
        }
    }
}
