using System.Net.Http.Json;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;

namespace Cilium.Cli.Infrastructure;

/// <summary>The few calls of a node agent's REST API the CLI makes (over its unix socket).</summary>
public sealed class AgentClient(string socketPath) : IDisposable
{
    private readonly HttpClient _http = Cilium.Contracts.Agent.UnixSocketHttp.Client(socketPath, TimeSpan.FromSeconds(10));

    public string SocketPath { get; } = socketPath;

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync("/readyz", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async Task<StatusResponse> GetStatusAsync(CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync(AgentPaths.Healthz, CiliumJsonContext.Default.StatusResponse, cancellationToken)
            ?? throw new InvalidOperationException("empty status");

    public async Task<IReadOnlyList<Endpoint>> GetEndpointsAsync(CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync(AgentPaths.Endpoints, CiliumJsonContext.Default.EndpointArray, cancellationToken) ?? [];

    public async Task<PolicyResponse> GetPolicyAsync(CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync(AgentPaths.Policy, CiliumJsonContext.Default.PolicyResponse, cancellationToken)
            ?? throw new InvalidOperationException("empty policy");

    public async Task<IPAMResponse> AllocateIpAsync(string owner, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync($"{AgentPaths.Ipam}?family=ipv4&owner={Uri.EscapeDataString(owner)}", null, cancellationToken);
        await EnsureAsync(response, "allocate an IP", cancellationToken);
        return await response.Content.ReadFromJsonAsync(CiliumJsonContext.Default.IPAMResponse, cancellationToken)
            ?? throw new InvalidOperationException("empty IPAM answer");
    }

    public async Task ReleaseIpAsync(string ip, CancellationToken cancellationToken)
    {
        using var response = await _http.DeleteAsync(AgentPaths.IpamIp(ip), cancellationToken);
    }

    public async Task<Endpoint> CreateEndpointAsync(EndpointChangeRequest request, CancellationToken cancellationToken)
    {
        using var response = await _http.PutAsJsonAsync(AgentPaths.Endpoint("0"), request, CiliumJsonContext.Default.EndpointChangeRequest, cancellationToken);
        await EnsureAsync(response, "create the endpoint", cancellationToken);
        return await response.Content.ReadFromJsonAsync(CiliumJsonContext.Default.Endpoint, cancellationToken)
            ?? throw new InvalidOperationException("empty endpoint answer");
    }

    public async Task DeleteEndpointsOfContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, AgentPaths.Endpoints)
        {
            Content = JsonContent.Create(new EndpointBatchDeleteRequest(containerId), CiliumJsonContext.Default.EndpointBatchDeleteRequest),
        };
        using var response = await _http.SendAsync(request, cancellationToken);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"agent could not {what}: {(int)response.StatusCode} {body}");
        }
    }

    public void Dispose() => _http.Dispose();
}
