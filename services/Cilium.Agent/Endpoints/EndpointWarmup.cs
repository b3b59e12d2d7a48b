using System.Text.Json;
using Cilium.Contracts.Endpoints;
using Cilium.Contracts.Json;
using Cilium.Core.Labels;
using Cilium.Core.Policy.Engine;
using Cilium.Core.Policy.Parsing;
using Cilium.ServiceDefaults.Health;

namespace Cilium.Agent.Endpoints;

/// <summary>
/// Runs the endpoint creation path once before the agent reports ready, so the first pods of a node do not pay for
/// what a process does once. The daemon is precompiled (docs/decisions/0006), but code the precompiler cannot reach
/// (async state machines and generics across assemblies, Kestrel's body binding, the HTTP client pipeline) is
/// compiled on first use: about 170 methods and 70 ms on a node's first endpoint. So the agent creates and deletes
/// one endpoint of its own through its own REST socket, as the CNI plugin would (<see cref="EndpointLifecycleRehearsal"/>),
/// and runs the policy engine and the map code on samples that nothing else sees. The CNI configuration is written
/// only after this gate opens, so a runtime never sends a pod to a cold agent.
/// </summary>
public sealed class EndpointWarmup(
    Readiness readiness,
    EndpointLifecycleRehearsal rehearsal,
    Datapath.DatapathManager datapath,
    Microsoft.Extensions.Options.IOptions<AgentOptions> options,
    ILogger<EndpointWarmup> logger) : StartupWarmup(readiness, logger)
{
    protected override string Gate => "endpoint-warmup";

    protected override string What => "Endpoint path";

    // Ingress and egress, selectors by label and namespace, ports and a range: the engine's main paths.
    private const string SamplePolicy = """
        {"apiVersion":"cilium.io/v2","kind":"CiliumNetworkPolicy","metadata":{"name":"warmup","namespace":"warmup"},
         "spec":{"endpointSelector":{"matchLabels":{"app":"warmup"}},
          "ingress":[{"fromEndpoints":[{"matchLabels":{"app":"client"}}],"toPorts":[{"ports":[{"port":"8080","protocol":"TCP"}]}]}],
          "egress":[{"toEndpoints":[{"matchLabels":{"app":"client","k8s:io.kubernetes.pod.namespace":"warmup"}}],"toPorts":[{"ports":[{"port":"2000","endPort":2010,"protocol":"UDP"}]}]}]}}
        """;

    private static readonly string[] SampleLabels = ["k8s:app=warmup", "k8s:io.kubernetes.pod.namespace=warmup"];

    /// <summary>
    /// Nothing to wait for up front: the engine sample runs at once; the map code and the rehearsal wait for the
    /// datapath themselves (the other gates, the CNI configuration's among them, wait for this one).
    /// </summary>
    protected override Task WaitForPrerequisitesAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task WarmAsync(CancellationToken cancellationToken)
    {
        var labels = LabelSet.Parse(SampleLabels);
        // The body an endpoint is registered with (the rehearsal's endpoint is not registered: it is no pod).
        JsonSerializer.Serialize(new PutEndpointRequest(options.Value.NodeName, 1, new EndpointAddressing("198.18.255.254", null), 70000,
            [.. labels.ToStrings()], [new Cilium.Contracts.Endpoints.NamedPort("http", 8080, "TCP")]), CiliumJson.Options);
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
        // Both need the datapath (and the endpoints of the last run restored, which happens before it opens).
        if (await WaitForDatapathAsync(cancellationToken))
        {
            if (sample is not null)
            {
                WarmMapCode(sample);
            }
            await rehearsal.RunAsync(cancellationToken);
        }
    }

    private async Task<bool> WaitForDatapathAsync(CancellationToken stoppingToken)
    {
        using var opening = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        // Opening allocates Cilium-sized CT maps and can take a while; a datapath that does not open keeps the agent
        // not ready through its own gate, so this gives up rather than wait for it.
        opening.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await Gates.WaitForGateAsync(AgentStartup.Gate, opening.Token);
            return true;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogDebug("Endpoint warm-up: the datapath did not open in time; skipping its part");
            return false;
        }
    }

    /// <summary>The sample endpoint's policy (with rules, unlike the rehearsal's) through the map code, on a scratch map.</summary>
    private void WarmMapCode(Cilium.Core.Policy.Engine.EndpointPolicy sample)
    {
        try
        {
            datapath.WarmUp(sample);
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
