using System.Net.Sockets;
using System.Text.Json;
using Cilium.Agent.Ipam;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Cni;
using Cilium.Contracts.Json;
using Microsoft.Extensions.Options;

namespace Cilium.Agent.Endpoints;

/// <summary>
/// Creates one endpoint through the agent's own REST socket and deletes it again, as the CNI plugin does for a pod
/// (<c>PUT /v1/endpoint/0</c> with <c>sync-build-endpoint</c>, then <c>DELETE</c> by CNI attachment id). It runs the
/// real path end to end: Kestrel's body binding, the handler, identity resolution through the identity service, the
/// regeneration with its policy map, the teardown. So what is compiled on first use is compiled before the agent is
/// ready, not during a pod's ADD.
/// The endpoint stays on this node and leaves nothing behind:
/// - the reserved <c>health</c> identity, fixed, so nothing is allocated in the cluster;
/// - no pod name, so it is not registered with the endpoint service and no other node learns of it;
/// - no interface, so no program is attached;
/// - an address lent by IPAM under the owner <see cref="ContainerId"/>.
/// A run killed half-way leaves it in the state dir; the next start removes it.
/// </summary>
public sealed class EndpointLifecycleRehearsal(
    EndpointManager endpoints,
    PodIpam ipam,
    IOptions<AgentOptions> options,
    ILogger<EndpointLifecycleRehearsal> logger)
{
    public const string ContainerId = "cilium-agent-warmup";

    private const string InterfaceName = "eth0";

    /// <summary>A cold first creation takes a few hundred milliseconds; an identity service that is down must not hold up readiness for longer.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        try
        {
            AddressFamily? family = ipam.V4 is not null ? AddressFamily.InterNetwork : ipam.V6 is not null ? AddressFamily.InterNetworkV6 : null;
            if (family is null)
            {
                return; // no pod CIDR: this node creates no endpoints
            }
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var address = ipam.Allocate(family.Value, ContainerId).ToString();
            using var client = UnixSocketHttp.Client(options.Value.SocketPath, Budget);
            await WaitForApiAsync(client, budget.Token);
            var request = new EndpointChangeRequest(EndpointState.WaitingForIdentity,
                Addressing: family == AddressFamily.InterNetwork ? new AddressPair(Ipv4: address) : new AddressPair(Ipv6: address),
                ContainerId: ContainerId, ContainerInterfaceName: InterfaceName, Labels: ["reserved:health"], SyncBuildEndpoint: true);
            // Sized, as the plugin sends it: Kestrel reads a Content-Length body with other code than a chunked one.
            using var body = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, CiliumJson.Options));
            body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using (var created = await client.PutAsync("/v1/endpoint/0", body, budget.Token))
            {
                created.EnsureSuccessStatusCode();
            }
            using var deleted = await client.DeleteAsync($"/v1/endpoint/{PendingDeletion.AttachmentId(ContainerId, InterfaceName)}", budget.Token);
            deleted.EnsureSuccessStatusCode();
            logger.LogInformation("Rehearsed an endpoint's creation and deletion through the API in {ElapsedMs:F0} ms",
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        finally
        {
            // Whatever failed above (an identity service that did not answer in time, say), and whatever a run killed
            // half-way left in the state dir and restored since, nothing of it stays. Bounded: on a shutdown the
            // reconciler may no longer run a teardown, and what is left is removed at the next start.
            using var cleanup = new CancellationTokenSource(Budget);
            await RemoveLeftoversAsync(cleanup.Token);
        }
    }

    private async Task RemoveLeftoversAsync(CancellationToken cancellationToken)
    {
        foreach (var leftover in endpoints.All.Where(e => e.ContainerId == ContainerId))
        {
            await endpoints.DeleteAsync(leftover.Id, cancellationToken);
        }
        ipam.Release(ContainerId);
    }

    /// <summary>Kestrel starts listening once every hosted service has started, so the socket may not answer yet.</summary>
    private static async Task WaitForApiAsync(HttpClient client, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var response = await client.GetAsync("/v1/healthz", cancellationToken);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(10, cancellationToken);
            }
        }
    }
}
