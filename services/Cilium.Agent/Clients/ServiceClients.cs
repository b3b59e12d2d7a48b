using System.Net.Http.Json;
using Cilium.Contracts.Endpoints;
using Cilium.Contracts.Identities;
using Cilium.Contracts.Json;
using Cilium.Contracts.Nodes;
using Microsoft.Extensions.Options;

namespace Cilium.Agent.Clients;

/// <summary>The agent's calls to the control-plane services, over their REST APIs (typed HttpClients).</summary>
public sealed class IdentityServiceClient(HttpClient http)
{
    public async Task<Identity> AllocateAsync(IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/v1/identities", new AllocateIdentityRequest(labels), CiliumJson.Options, cancellationToken);
        await ServiceErrors.EnsureSuccessAsync(response, "identity service", cancellationToken);
        return (await response.Content.ReadFromJsonAsync<Identity>(CiliumJson.Options, cancellationToken))!;
    }
}

public sealed class EndpointServiceClient(HttpClient http)
{
    public async Task PutEndpointAsync(string k8sNamespace, string name, PutEndpointRequest request, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync($"/v1/endpoints/{Uri.EscapeDataString(k8sNamespace)}/{Uri.EscapeDataString(name)}", request, CiliumJson.Options, cancellationToken);
        await ServiceErrors.EnsureSuccessAsync(response, "endpoint service", cancellationToken);
    }

    public async Task DeleteEndpointAsync(string k8sNamespace, string name, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync($"/v1/endpoints/{Uri.EscapeDataString(k8sNamespace)}/{Uri.EscapeDataString(name)}", cancellationToken);
        if (response.StatusCode != System.Net.HttpStatusCode.NotFound)
        {
            await ServiceErrors.EnsureSuccessAsync(response, "endpoint service", cancellationToken);
        }
    }

    public async Task PutNodeAsync(string name, PutNodeRequest request, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync($"/v1/nodes/{Uri.EscapeDataString(name)}", request, CiliumJson.Options, cancellationToken);
        await ServiceErrors.EnsureSuccessAsync(response, "endpoint service", cancellationToken);
    }
}

/// <summary>A service answered with an error: its problem text travels with the exception.</summary>
public sealed class ServiceCallException(string service, int status, string body)
    : Exception($"{service} answered {status}: {body}")
{
    public int Status { get; } = status;

    /// <summary>4xx means the request itself is wrong: retrying it cannot help.</summary>
    public bool IsPermanent => Status is >= 400 and < 500 and not 408 and not 429;
}

internal static class ServiceErrors
{
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string service, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new ServiceCallException(service, (int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
    }
}

public static class ServiceClientRegistration
{
    public static IServiceCollection AddServiceClients(this IServiceCollection services)
    {
        services.AddHttpClient<IdentityServiceClient>((sp, c) =>
        {
            c.BaseAddress = new Uri(sp.GetRequiredService<IOptions<AgentOptions>>().Value.IdentityUrl);
            c.Timeout = TimeSpan.FromSeconds(30);
        });
        services.AddHttpClient<EndpointServiceClient>((sp, c) =>
        {
            c.BaseAddress = new Uri(sp.GetRequiredService<IOptions<AgentOptions>>().Value.EndpointUrl);
            c.Timeout = TimeSpan.FromSeconds(30);
        });
        return services;
    }
}
