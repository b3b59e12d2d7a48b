using System.Text.Json;
using Cilium.Agent.Clients;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Core.Labels;
using Cilium.ServiceDefaults.Health;

namespace Cilium.Agent.Endpoints;

/// <summary>
/// Runs the endpoint creation path once on sample data before the agent reports ready, so the first pods of a node
/// do not pay for what is done once per process: JSON metadata of the request, the model and the state file, label
/// parsing, and the connection to the identity service. Nothing is created: no endpoint, identity or file. The CNI
/// configuration is written only after this gate opens, so a runtime never sends a pod to a cold agent.
/// </summary>
public sealed class EndpointWarmup(
    Readiness readiness,
    AgentStatus status,
    IdentityServiceClient identities,
    ILogger<EndpointWarmup> logger) : BackgroundService
{
    public const string Gate = "endpoint-warmup";

    private const string SampleRequest = """
        {"state":"waiting-for-identity","addressing":{"ipv4":"198.18.255.254"},"container-id":"warmup","container-interface-name":"eth0",
         "interface-index":0,"interface-name":"lxcwarmup","k8s-namespace":"warmup","k8s-pod-name":"warmup",
         "labels":["k8s:app=warmup","k8s:io.kubernetes.pod.namespace=warmup"],"sync-build-endpoint":true}
        """;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        readiness.Register(Gate);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var request = JsonSerializer.Deserialize<EndpointChangeRequest>(SampleRequest, CiliumJson.Options)!;
            var labels = LabelSet.Parse(request.Labels!);
            var endpoint = new AgentEndpoint
            {
                Id = 1,
                ContainerId = request.ContainerId,
                Ipv4 = request.Addressing?.Ipv4,
                K8sNamespace = request.K8sNamespace,
                K8sPodName = request.K8sPodName,
                Labels = [.. labels.ToStrings()],
            };
            endpoint.Transition(EndpointStates.WaitingForIdentity, "warm-up");
            EndpointStore.RoundTrip(endpoint);
            JsonSerializer.Serialize(EndpointModels.ToModel(endpoint.Snapshot(), status.HostAddressing), CiliumJson.Options);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await identities.WarmUpAsync(timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            // The identity service may not be up yet; endpoints retry it anyway. Warm-up never keeps the agent from starting.
            logger.LogDebug(e, "Endpoint warm-up: identity service not reached");
        }
        finally
        {
            readiness.Open(Gate);
        }
        logger.LogInformation("Endpoint path warmed up in {ElapsedMs:F0} ms", watch.Elapsed.TotalMilliseconds);
    }
}
