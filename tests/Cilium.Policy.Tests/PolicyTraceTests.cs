using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cilium.Contracts;
using Cilium.Contracts.Endpoints;
using Cilium.Contracts.Events;
using Cilium.Contracts.Json;
using Cilium.Testing;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Xunit;

namespace Cilium.Policy.Tests;

/// <summary>
/// <c>POST /v1/policy/trace</c> against identities allocated by the real identity service and endpoints published on
/// the events stream as the endpoint service publishes them.
/// </summary>
public sealed class PolicyTraceTests : IAsyncLifetime
{
    private static readonly string[] ClientLabels = ["k8s:app=client", "k8s:io.kubernetes.pod.namespace=shop"];
    private static readonly string[] WebLabels = ["k8s:app=web", "k8s:io.kubernetes.pod.namespace=shop"];

    private readonly NatsServerFixture _nats = new();
    private ServiceProcess? _identity;
    private PolicyService? _policy;
    private long _clientId;
    private long _webId;

    public async Task InitializeAsync()
    {
        await _nats.InitializeAsync();
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        _identity = new ServiceProcess("services/Cilium.Identity", "cilium-identity", ["--urls", url, $"--Nats:Url={_nats.Url}", $"--Identity:Bucket=ids-{RunId.New()}"]);
        _identity.Start();
        await _identity.WaitReadyAsync(url + "/readyz");
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        _clientId = await AllocateAsync(http, ClientLabels);
        _webId = await AllocateAsync(http, WebLabels);
        // The policy service is ready once it replayed what the stream holds: wait until the identities are in it.
        var ids = new[] { _clientId, _webId }.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        await EventsReader.WaitForAsync(_nats.Url, Subjects.AllIdentities, e => ids.All(id => e.Any(x => x.Key == id)));
        await PublishEndpointAsync("shop", "client-1", "198.18.0.10", _clientId);
        _policy = await PolicyService.StartAsync(_nats);
        var policies = string.Join("\n---\n", Manifests.CnpYaml("shop", "allow-web"), """
            apiVersion: cilium.io/v2
            kind: CiliumClusterwideNetworkPolicy
            metadata:
              name: deny-client-admin
            spec:
              endpointSelector:
                matchLabels:
                  app: web
              ingressDeny:
              - fromEndpoints:
                - matchLabels:
                    app: client
                toPorts:
                - ports:
                  - port: "9090"
                    protocol: TCP
            """);
        using var applied = await _policy.ApplyAsync(PolicyService.Yaml(policies));
        Assert.True(applied.IsSuccessStatusCode, await applied.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        if (_policy is not null)
        {
            await _policy.DisposeAsync();
        }
        if (_identity is not null)
        {
            await _identity.DisposeAsync();
        }
        await _nats.DisposeAsync();
    }

    [Fact]
    public async Task Trace_AllowRuleSelectsBothEnds_AllowedNamingTheRuleAndResolvingIdentities()
    {
        var trace = await TraceAsync(new { labels = ClientLabels }, new { labels = WebLabels }, 80);

        Assert.Equal("ALLOWED", trace.GetProperty("verdict").GetString());
        Assert.Equal(_clientId, trace.GetProperty("source").GetProperty("identity").GetInt64());
        Assert.Equal(_webId, trace.GetProperty("destination").GetProperty("identity").GetInt64());
        var ingress = trace.GetProperty("ingress");
        Assert.Equal("ALLOWED", ingress.GetProperty("verdict").GetString());
        var rule = Assert.Single(ingress.GetProperty("rules").EnumerateArray());
        Assert.Equal("allow-web", rule.GetProperty("policy").GetString());
        Assert.Equal("CiliumNetworkPolicy", rule.GetProperty("kind").GetString());
        Assert.Equal("ALLOWED", trace.GetProperty("egress").GetProperty("verdict").GetString());
        Assert.False(trace.GetProperty("egress").GetProperty("enforced").GetBoolean());
    }

    [Fact]
    public async Task Trace_PortNoRuleAllows_DeniedByDefaultDenyWithNoRule()
    {
        var trace = await TraceAsync(new { labels = ClientLabels }, new { labels = WebLabels }, 81);

        Assert.Equal("DENIED", trace.GetProperty("verdict").GetString());
        var ingress = trace.GetProperty("ingress");
        Assert.Equal("DENIED", ingress.GetProperty("verdict").GetString());
        Assert.True(ingress.GetProperty("enforced").GetBoolean());
        Assert.Equal(0, ingress.GetProperty("rules").GetArrayLength());
        Assert.Contains("default-deny", ingress.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trace_ExplicitDenyRule_DeniedNamingTheDenyRule()
    {
        var trace = await TraceAsync(new { labels = ClientLabels }, new { labels = WebLabels }, 9090);

        Assert.Equal("DENIED", trace.GetProperty("verdict").GetString());
        var rule = Assert.Single(trace.GetProperty("ingress").GetProperty("rules").EnumerateArray());
        Assert.Equal("deny-client-admin", rule.GetProperty("policy").GetString());
        Assert.Equal("CiliumClusterwideNetworkPolicy", rule.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Trace_SourceIpOfKnownEndpoint_ResolvesToItsIdentity()
    {
        var trace = await TraceAsync(new { ip = "198.18.0.10" }, new { labels = WebLabels }, 80);

        Assert.Equal(_clientId, trace.GetProperty("source").GetProperty("identity").GetInt64());
        Assert.Equal("ALLOWED", trace.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Trace_SourceIpNoEndpointHolds_TreatedAsWorldAndDenied()
    {
        var trace = await TraceAsync(new { ip = "203.0.113.7" }, new { labels = WebLabels }, 80);

        Assert.Equal(2, trace.GetProperty("source").GetProperty("identity").GetInt64());
        Assert.Equal("DENIED", trace.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Trace_LabelsWithoutIdentity_TracedAsHypotheticalIdentity()
    {
        var trace = await TraceAsync(new { labels = new[] { "k8s:app=client", "k8s:io.kubernetes.pod.namespace=shop", "k8s:tier=new" } }, new { labels = WebLabels }, 80);

        Assert.Equal(0, trace.GetProperty("source").GetProperty("identity").GetInt64());
        Assert.Equal("ALLOWED", trace.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Trace_PolicyDeleted_FlowNoLongerEnforced()
    {
        using (var deleted = await _policy!.Client.DeleteAsync(Manifests.PathOf("cnp", "shop", "allow-web")))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        var trace = await TraceAsync(new { labels = ClientLabels }, new { labels = WebLabels }, 80);

        // Only the deny-only clusterwide policy selects web now: ingress stays enforced and nothing allows port 80.
        Assert.Equal("DENIED", trace.GetProperty("verdict").GetString());
        Assert.Equal(0, trace.GetProperty("ingress").GetProperty("rules").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"source":{"labels":["k8s:app=client"]},"destination":{"labels":["k8s:app=web"]},"dport":80,"protocol":"QUIC"}""", "protocol")]
    [InlineData("""{"source":{"labels":["k8s:app=client"]},"destination":{"labels":["k8s:app=web"]},"dport":70000}""", "dport")]
    [InlineData("""{"source":{"ip":"not-an-ip"},"destination":{"labels":["k8s:app=web"]},"dport":80}""", "source.ip")]
    [InlineData("""{"source":{"labels":["app=client"]},"destination":{"labels":["k8s:app=web"]},"dport":80}""", "source.labels")]
    [InlineData("""{"destination":{"labels":["k8s:app=web"]},"dport":80}""", "source")]
    public async Task Trace_BadRequest_Returns400NamingTheField(string body, string field)
    {
        using var response = await _policy!.Client.PostAsync("/v1/policy/trace", PolicyService.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await PolicyService.ReadJsonAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    private async Task<JsonElement> TraceAsync(object source, object destination, int dport)
    {
        using var response = await _policy!.Client.PostAsJsonAsync("/v1/policy/trace", new { source, destination, dport, protocol = "TCP" });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<long> AllocateAsync(HttpClient identity, string[] labels)
    {
        using var response = await identity.PostAsJsonAsync("/v1/identities", new { labels });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await PolicyService.ReadJsonAsync(response)).GetProperty("id").GetInt64();
    }

    /// <summary>Publishes an endpoint exactly as the endpoint service's outbox does.</summary>
    private async Task PublishEndpointAsync(string ns, string name, string ipv4, long identity)
    {
        await using var conn = new NatsConnection(NatsOpts.Default with { Url = _nats.Url });
        var js = new NatsJSContext(conn);
        var endpoint = new CiliumEndpoint(ns, name, "node-1", 17, new EndpointAddressing(ipv4, null), identity, ClientLabels, []);
        var evt = new CiliumEvent(Subjects.EndpointKind, EventOps.Upsert, $"{ns}/{name}", 1, DateTimeOffset.UtcNow,
            JsonSerializer.SerializeToElement(endpoint, CiliumJsonContext.Default.CiliumEndpoint));
        var ack = await js.PublishAsync(Subjects.Endpoint(ns, name), JsonSerializer.SerializeToUtf8Bytes(evt, CiliumJsonContext.Default.CiliumEvent));
        ack.EnsureSuccess();
    }
}
