using System.Text.Json;
using Cilium.Contracts.Json;
using Cilium.Policy.Commands;
using Cilium.Policy.Manifests;
using Cilium.Policy.Resolution;
using Cilium.ServiceDefaults.Health;
using Cilium.ServiceDefaults.Nats;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NATS.Client.KeyValueStore;

namespace Cilium.Policy.Storage;

/// <summary>
/// Runs the policy paths once before the replica reports ready, so a cluster's first policy, identity and endpoint do
/// not pay for what a process does once (the first identity and endpoint events compiled 130 methods here while the
/// cluster's first pods were being created; the first policy compiled the manifest and commit paths). It parses a
/// policy manifest as the API does (JSON and YAML), commits it and its deletion with this service's own committer on
/// a scratch bucket that is deleted afterwards (<see cref="KvRehearsal"/>), and reads the stored record, an identity
/// event and an endpoint event into a scratch resolver and directory. Nothing is written to the policy bucket or the
/// events.
/// </summary>
public sealed class PolicyWarmup(
    Readiness readiness,
    KvRehearsal rehearsal,
    INatsKVContext kv,
    IOptions<PolicyOptions> options,
    IOptions<ServiceDefaults.ClusterOptions> cluster,
    ILogger<PolicyWarmup> logger) : StartupWarmup(readiness, logger)
{
    protected override string Gate => "policy-warmup";

    protected override string What => "Policy paths";

    private const string SampleJson = """
        {"apiVersion":"cilium.io/v2","kind":"CiliumNetworkPolicy","metadata":{"name":"warmup","namespace":"warmup"},
         "spec":{"endpointSelector":{"matchLabels":{"app":"warmup"}},
                 "ingress":[{"fromEndpoints":[{"matchLabels":{"app":"client"}}],"toPorts":[{"ports":[{"port":"80","protocol":"TCP"}]}]}],
                 "egress":[{"toCIDR":["198.18.0.0/15"]}]}}
        """;

    private const string SampleYaml = """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata:
          name: warmup-yaml
          namespace: warmup
        spec:
          endpointSelector:
            matchLabels:
              app: warmup
          ingress:
          - fromEndpoints:
            - matchLabels:
                app: client
        """;

    private const string SampleIdentityEvent = """
        {"kind":"identity","op":"upsert","key":"70000","revision":1,"timestamp":"2026-01-01T00:00:00Z",
         "data":{"id":70000,"labels":["k8s:app=client","k8s:io.kubernetes.pod.namespace=warmup"],"labelsSHA256":"0"}}
        """;

    private const string SampleEndpointEvent = """
        {"kind":"endpoint","op":"upsert","key":"warmup/client","revision":1,"timestamp":"2026-01-01T00:00:00Z",
         "data":{"namespace":"warmup","name":"client","node":"warmup","endpointId":1,"addressing":{"ipv4":"198.18.64.10"},
                 "identity":70000,"labels":["k8s:app=client"],"namedPorts":[{"name":"http","port":80,"protocol":"TCP"}]}}
        """;

    protected override async Task WarmAsync(CancellationToken cancellationToken)
    {
        var resolver = new PolicyResolver(options, cluster, NullLogger<PolicyResolver>.Instance);
        ReadEvents(resolver);
        if (!ManifestInput.TryParse(SampleJson, null, out var manifests, out var problem)
            || !ManifestInput.TryParse(SampleYaml, null, out _, out problem))
        {
            throw new InvalidOperationException($"the warm-up's own manifest is refused: {problem}");
        }
        var manifest = manifests[0];
        await rehearsal.RunAsync(options.Value.Bucket, async (bucket, ct) =>
        {
            var store = new PolicyStore(kv, Options.Create(new PolicyOptions { Bucket = bucket }));
            await store.OpenAsync(ct);
            var committer = new PolicyCommitter(store, NullLogger<PolicyCommitter>.Instance);
            await committer.CommitAsync([new PolicyChange(0, manifest.Document.Id, manifest.Manifest)], ct);
            if (await store.GetAsync(PolicyKeys.For(manifest.Document.Id), ct) is { } stored)
            {
                resolver.SetPolicy(PolicyStore.DecodePolicy(stored.Value!));
            }
            await committer.CommitAsync([new PolicyChange(0, manifest.Document.Id, null)], ct);
        }, cancellationToken);
    }

    /// <summary>An identity and an endpoint event as the event followers read them, into scratch instances.</summary>
    private static void ReadEvents(PolicyResolver resolver)
    {
        var identityEvent = JsonSerializer.Deserialize(SampleIdentityEvent, CiliumJsonContext.Default.CiliumEvent)!;
        var identity = identityEvent.Data!.Value.Deserialize(CiliumJsonContext.Default.Identity)!;
        resolver.UpsertIdentity(identity.Id, identity.Labels);
        var endpointEvent = JsonSerializer.Deserialize(SampleEndpointEvent, CiliumJsonContext.Default.CiliumEvent)!;
        var endpoint = endpointEvent.Data!.Value.Deserialize(CiliumJsonContext.Default.CiliumEndpoint)!;
        var directory = new EndpointDirectory();
        directory.Upsert(endpointEvent.Key, endpoint);
        directory.NamedPortsOf(System.Net.IPAddress.Parse(endpoint.Addressing!.Ipv4!));
    }
}
