using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;

namespace Cilium.Cni.Agent;

/// <summary>
/// The calls the plugin makes to the agent's v1 REST API over its unix socket. Every transport failure becomes an
/// <see cref="AgentUnreachableException"/> (the runtime should try again later); every error status an
/// <see cref="AgentRequestException"/> with the agent's own explanation.
/// </summary>
public sealed class AgentClient : IDisposable
{
    private readonly HttpClient _http;

    public AgentClient(string socketPath, TimeSpan timeout)
    {
        SocketPath = socketPath;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://localhost"), Timeout = timeout };
    }

    public string SocketPath { get; }

    /// <summary>Resolves the socket: the config's <c>socket-path</c>, else <c>CILIUM_SOCK</c>, else Cilium's default.</summary>
    public static string ResolveSocketPath(string? configured, Func<string, string?> env) =>
        configured is { Length: > 0 } c ? c
        : env(AgentPaths.SocketEnvironmentVariable) is { Length: > 0 } e ? e
        : AgentPaths.DefaultSocketPath;

    /// <summary><c>POST /v1/ipam?owner=</c>: both families the node has (no <c>family</c> query).</summary>
    public async Task<IPAMResponse> AllocateIpAsync(string owner, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{AgentPaths.Ipam}?owner={Uri.EscapeDataString(owner)}"), "allocate an IP", cancellationToken);
        await EnsureSuccessAsync(response, "allocate an IP", cancellationToken);
        return await ReadAsync<IPAMResponse>(response, cancellationToken);
    }

    /// <summary><c>DELETE /v1/ipam/{ip}</c>; false when the address was not allocated.</summary>
    public async Task<bool> ReleaseIpAsync(string ip, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, AgentPaths.IpamIp(ip)), $"release IP {ip}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        await EnsureSuccessAsync(response, $"release IP {ip}", cancellationToken);
        return true;
    }

    /// <summary><c>PUT /v1/endpoint/0</c>: the agent picks the local id.</summary>
    public async Task<Endpoint> CreateEndpointAsync(EndpointChangeRequest request, CancellationToken cancellationToken)
    {
        var message = new HttpRequestMessage(HttpMethod.Put, AgentPaths.Endpoint("0"))
        {
            Content = JsonContent.Create(request, TypeInfo<EndpointChangeRequest>()),
        };
        using var response = await SendAsync(message, "create the endpoint", cancellationToken);
        await EnsureSuccessAsync(response, "create the endpoint", cancellationToken);
        return await ReadAsync<Endpoint>(response, cancellationToken);
    }

    /// <summary><c>GET /v1/endpoint/{id}</c>; null when there is no such endpoint.</summary>
    public async Task<Endpoint?> GetEndpointAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, AgentPaths.Endpoint(id)), $"get endpoint {id}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await EnsureSuccessAsync(response, $"get endpoint {id}", cancellationToken);
        return await ReadAsync<Endpoint>(response, cancellationToken);
    }

    /// <summary><c>DELETE /v1/endpoint/{id}</c>; false when there was no such endpoint.</summary>
    public async Task<bool> DeleteEndpointAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, AgentPaths.Endpoint(id)), $"delete endpoint {id}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        await EnsureSuccessAsync(response, $"delete endpoint {id}", cancellationToken);
        return true;
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string operation, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                return await _http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new AgentUnreachableException(SocketPath, Reason(e), e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new AgentUnreachableException(SocketPath, $"no answer to \"{operation}\" within {_http.Timeout.TotalSeconds:F0} s", e);
            }
        }
    }

    // .NET reports a missing socket file (ENOENT) as AddressNotAvailable.
    private static string Reason(HttpRequestException e) => e.InnerException switch
    {
        SocketException { SocketErrorCode: SocketError.AddressNotAvailable } => "the socket does not exist",
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused: the socket exists but nobody listens on it",
        SocketException { SocketErrorCode: SocketError.AccessDenied } => "permission denied on the socket",
        SocketException s => s.Message,
        _ => e.Message,
    };

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new AgentRequestException(operation, response.StatusCode, ProblemDetail(body));
    }

    private static string ProblemDetail(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
                var title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
                var errors = root.TryGetProperty("errors", out var es) && es.ValueKind == JsonValueKind.Object
                    ? string.Join("; ", es.EnumerateObject().Select(p => $"{p.Name}: {string.Join(", ", p.Value.EnumerateArray().Select(v => v.ToString()))}"))
                    : null;
                return string.Join(": ", new[] { title, detail, errors }.Where(s => !string.IsNullOrEmpty(s)));
            }
        }
        catch (JsonException)
        {
        }
        return body.Length > 500 ? body[..500] : body;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync(TypeInfo<T>(), cancellationToken)
        ?? throw new AgentRequestException("read the answer", response.StatusCode, "empty body");

    private static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)CiliumJsonContext.Default.GetTypeInfo(typeof(T))!;
}
