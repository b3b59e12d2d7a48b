using System.Text.Json;
using Cilium.Contracts.Endpoints;
using Cilium.Contracts.Nodes;
using Cilium.Endpoint.Nodes;
using Cilium.Endpoint.Storage;
using Cilium.ServiceDefaults.Health;
using Cilium.ServiceDefaults.Nats;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace Cilium.Endpoint.Endpoints;

/// <summary>
/// Runs the registration paths once before the replica reports ready, so a cluster's first node and first pods do not
/// pay for what a process does once (the first endpoint registration took 80 ms, 106 methods compiled; the first
/// node's 400 ms): a node's and an endpoint's request read as Kestrel binds them, validated (label parsing) and
/// answered in memory, then stored, claimed and deleted by this service's own registries on a scratch bucket that is
/// deleted afterwards (<see cref="KvRehearsal"/>). Nothing is written to the registry bucket or the events.
/// </summary>
public sealed class RegistryWarmup(
    Readiness readiness,
    KvRehearsal rehearsal,
    INatsKVContext kv,
    INatsJSContext js,
    IOptions<EndpointOptions> options,
    IOptions<JsonOptions> json,
    TimeProvider time,
    ILogger<RegistryWarmup> logger) : StartupWarmup(readiness, logger)
{
    protected override string Gate => "registry-warmup";

    protected override string What => "Registration paths";

    private const string SampleNode = """{"addresses":[{"type":"InternalIP","ip":"198.18.0.1"}],"podCIDRs":["198.18.64.0/24"],"labels":{"kubernetes.io/hostname":"warmup"}}""";

    private const string SampleEndpoint = """{"node":"warmup","endpointId":1,"addressing":{"ipv4":"198.18.64.10"},"identity":70000,"labels":["k8s:app=warmup","k8s:io.kubernetes.pod.namespace=warmup"]}""";

    protected override async Task WarmAsync(CancellationToken cancellationToken)
    {
        var serializer = json.Value.SerializerOptions;
        var node = NodeRequestValidator.Validate("warmup", JsonSerializer.Deserialize<PutNodeRequest>(SampleNode, serializer));
        var endpoint = EndpointRequestValidator.Validate("warmup", "warmup", JsonSerializer.Deserialize<PutEndpointRequest>(SampleEndpoint, serializer));
        JsonSerializer.Serialize(node, serializer);
        JsonSerializer.Serialize(endpoint, serializer);
        await rehearsal.RunAsync(options.Value.Bucket, (bucket, ct) => RehearseAsync(bucket, node, endpoint, ct), cancellationToken);
    }

    private async Task RehearseAsync(string bucket, CiliumNode node, CiliumEndpoint endpoint, CancellationToken cancellationToken)
    {
        var scratch = Options.Create(new EndpointOptions { Bucket = bucket, History = options.Value.History, ClaimGrace = options.Value.ClaimGrace });
        var store = new RegistryStore(kv, js, scratch);
        await store.OpenAsync(cancellationToken);
        var judge = new ClaimJudge(scratch, time);
        var nodes = new NodeRegistry(store, judge, NullLogger<NodeRegistry>.Instance);
        var endpoints = new EndpointRegistry(store, judge, NullLogger<EndpointRegistry>.Instance);
        await nodes.PutAsync(node, cancellationToken);
        await endpoints.PutAsync(endpoint, cancellationToken);
        await endpoints.GetAsync(endpoint.Namespace, endpoint.Name, cancellationToken);
        await endpoints.DeleteAsync(endpoint.Namespace, endpoint.Name, expected: null, cancellationToken);
        await nodes.DeleteAsync(node.Name, expected: null, cancellationToken);
    }
}
