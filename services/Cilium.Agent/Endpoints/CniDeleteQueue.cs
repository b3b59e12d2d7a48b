using System.Text.Json;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Cni;
using Cilium.Contracts.Json;
using Cilium.ServiceDefaults.Health;
using Microsoft.Extensions.Options;

namespace Cilium.Agent.Endpoints;

/// <summary>
/// Finishes the CNI deletions queued while this agent was down (<c>cni-pending/</c> beside its socket, one file per
/// attachment, written by cilium-cni), as Cilium's agent processes its delete queue on start: the endpoint goes,
/// its addresses return to IPAM, then the file. A pod removed during an agent restart is therefore gone as soon as
/// the agent is back, not only at the node's next CNI call.
/// </summary>
public sealed class CniDeleteQueue(
    EndpointManager endpoints,
    Ipam.PodIpam ipam,
    Readiness readiness,
    IOptions<AgentOptions> options,
    ILogger<CniDeleteQueue> logger) : BackgroundService
{
    public const string DirectoryName = "cni-pending";

    public string Directory => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.Value.SocketPath)) ?? "/var/run/cilium", DirectoryName);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken);
        var done = await DrainAsync(stoppingToken);
        if (done > 0)
        {
            logger.LogInformation("Finished {Count} CNI deletions queued while the agent was down", done);
        }
    }

    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return 0;
        }
        var done = 0;
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.json"))
        {
            PendingDeletion? deletion;
            try
            {
                deletion = JsonSerializer.Deserialize(await File.ReadAllTextAsync(file, cancellationToken), CiliumJsonContext.Default.PendingDeletion);
            }
            catch (Exception e) when (e is JsonException or FileNotFoundException)
            {
                // A plugin finished it meanwhile, or it is not ours to read: leave it to a person rather than guess.
                logger.LogWarning(e, "Queued CNI deletion {File} could not be read; left in place", file);
                continue;
            }
            if (deletion is null)
            {
                continue;
            }
            var endpoint = endpoints.Find(EndpointIdSpec.Parse(deletion.EndpointId));
            if (endpoint is not null)
            {
                await endpoints.DeleteAsync(endpoint.Id, cancellationToken);
            }
            foreach (var address in deletion.Addresses.Concat(new[] { endpoint?.Ipv4, endpoint?.Ipv6 }.OfType<string>()).Distinct(StringComparer.Ordinal))
            {
                ipam.Release(address);
            }
            File.Delete(file);
            logger.LogInformation("Queued CNI deletion of {Attachment} finished (endpoint {EndpointId})", deletion.EndpointId, endpoint?.Id);
            done++;
        }
        return done;
    }
}
