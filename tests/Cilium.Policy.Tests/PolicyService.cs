using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Cilium.Testing;

namespace Cilium.Policy.Tests;

/// <summary>
/// Replicas of the real <c>cilium-policy</c> executable on their own 127.0.0.1 ports, sharing one bucket of one
/// nats-server, with the HTTP calls the tests make.
/// </summary>
public sealed class PolicyService : ServiceReplicas
{
    private PolicyService(string bucket)
        : base(bucket)
    {
    }

    public HttpClient Client => this[0];

    public static async Task<PolicyService> StartAsync(NatsServerFixture nats, int replicas = 1, string? bucket = null)
    {
        var service = new PolicyService(bucket ?? $"pol-{RunId.New()}");
        await service.StartReplicasAsync("services/Cilium.Policy", "cilium-policy", "Policy", nats, replicas, []);
        return service;
    }

    public static StringContent Body(string text, string contentType) => new(text, Encoding.UTF8, contentType);

    public static StringContent Yaml(string text) => Body(text, "application/yaml");

    public static StringContent Json(string text) => Body(text, "application/json");

    public Task<HttpResponseMessage> ApplyAsync(HttpContent body) => Client.PostAsync("/v1/policies", body);

    public Task<HttpResponseMessage> PutAsync(string path, HttpContent body, long? ifMatch = null, int replica = 0)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = body };
        if (ifMatch is { } revision)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{revision}\""));
        }
        return this[replica].SendAsync(request);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path}: {(int)response.StatusCode} {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<long> RevisionAsync() => (await GetJsonAsync("/v1/policies")).GetProperty("revision").GetInt64();

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
