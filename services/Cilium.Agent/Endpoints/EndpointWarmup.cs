using System.Text.Json;
using Cilium.Agent.Clients;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Core.Labels;
using Cilium.Core.Policy.Engine;
using Cilium.Core.Policy.Parsing;
using Cilium.ServiceDefaults.Health;

namespace Cilium.Agent.Endpoints;

/// <summary>
/// Runs the endpoint creation path once on sample data before the agent reports ready, so the first pods of a node
/// do not pay for what is done once per process: JSON metadata of the request, the model and the state file, label
/// parsing, the connection to the identity service, and the policy engine (parsing a policy, resolving an endpoint's
/// map, on an engine of its own that is thrown away). Nothing is created: no endpoint, identity or file. The CNI
/// configuration is written only after this gate opens, so a runtime never sends a pod to a cold agent.
/// </summary>
public sealed class EndpointWarmup(
    Readiness readiness,
    AgentStatus status,
    IdentityServiceClient identities,
    Datapath.DatapathManager datapath,
    Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> httpJson,
    ILogger<EndpointWarmup> logger) : BackgroundService
{
    public const string Gate = "endpoint-warmup";

    // Ingress and egress, selectors by label and namespace, ports and a range: the engine's main paths.
    private const string SamplePolicy = """
        {"apiVersion":"cilium.io/v2","kind":"CiliumNetworkPolicy","metadata":{"name":"warmup","namespace":"warmup"},
         "spec":{"endpointSelector":{"matchLabels":{"app":"warmup"}},
          "ingress":[{"fromEndpoints":[{"matchLabels":{"app":"client"}}],"toPorts":[{"ports":[{"port":"8080","protocol":"TCP"}]}]}],
          "egress":[{"toEndpoints":[{"matchLabels":{"app":"client","k8s:io.kubernetes.pod.namespace":"warmup"}}],"toPorts":[{"ports":[{"port":"2000","endPort":2010,"protocol":"UDP"}]}]}]}}
        """;

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
            // The REST API's own options instance: JSON metadata is cached per instance, and this is the one that reads
            // the PUT's body and writes its answer.
            var http = httpJson.Value.SerializerOptions;
            var request = JsonSerializer.Deserialize<EndpointChangeRequest>(SampleRequest, http)!;
            JsonSerializer.Deserialize<EndpointChangeRequest>(SampleRequest, CiliumJson.Options);
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
            var model = EndpointModels.ToModel(endpoint.Snapshot(), status.HostAddressing);
            JsonSerializer.Serialize(model, http);
            JsonSerializer.Serialize(model, CiliumJson.Options);
            Cilium.Core.Policy.Engine.EndpointPolicy? sample = null;
            try
            {
                sample = WarmPolicyEngine(labels);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Only the first policy gets slower; the agent works without this.
                logger.LogWarning(e, "Endpoint warm-up: the policy engine's sample failed");
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await identities.WarmUpAsync(timeout.Token);
            if (sample is not null)
            {
                await WarmDatapathAsync(sample, stoppingToken);
            }
        }
        catch (Exception e) when (e is HttpRequestException or ServiceCallException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
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

    /// <summary>The sample endpoint's policy through the map code, on a scratch map, once the datapath is open.</summary>
    private async Task WarmDatapathAsync(Cilium.Core.Policy.Engine.EndpointPolicy sample, CancellationToken stoppingToken)
    {
        using var opening = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        // Opening allocates Cilium-sized CT maps and can take a while; a datapath that does not open keeps the agent
        // not ready through its own gate, so this gives up rather than wait for it.
        opening.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await readiness.WaitForGateAsync(AgentStartup.Gate, opening.Token);
            datapath.WarmUp(sample);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogDebug("Endpoint warm-up: the datapath did not open in time; skipping its part");
        }
        catch (Cilium.Bpf.BpfException e)
        {
            logger.LogWarning(e, "Endpoint warm-up: the scratch policy map failed");
        }
    }

    /// <summary>One policy and two identities through a private engine: what the first policy and endpoint of the node would compile.</summary>
    private static Cilium.Core.Policy.Engine.EndpointPolicy WarmPolicyEngine(LabelSet endpointLabels)
    {
        var engine = new PolicyEngine(new PolicyEngineOptions { ClusterName = "warmup" }, new CidrIdentityAllocator());
        engine.UpsertIdentity(70000, endpointLabels);
        engine.UpsertIdentity(70001, LabelSet.Parse(["k8s:app=client", "k8s:io.kubernetes.pod.namespace=warmup"]));
        engine.UpsertEndpoint(new LocalEndpoint(1, 70000, endpointLabels));
        var documents = PolicyParser.Parse(SamplePolicy);
        foreach (var document in documents)
        {
            engine.UpsertPolicy(document);
        }
        var policy = engine.GetEndpointPolicy(1)!;
        engine.DeletePolicy(documents[0].Id);
        engine.RemoveEndpoint(1);
        engine.RemoveIdentity(70001);
        return policy;
    }
}
