using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cilium.Contracts.Agent;

namespace Cilium.Cni.Agent;

/// <summary>
/// The calls the plugin makes to the agent's v1 REST API over its unix socket. Every transport failure becomes an
/// <see cref="AgentUnreachableException"/> (the runtime should try again later); every error status an
/// <see cref="AgentRequestException"/> with the agent's own explanation. Each call has a connection of its own
/// (<see cref="UnixHttpExchange"/>), so there is nothing to dispose.
/// </summary>
public sealed class AgentClient(string socketPath, TimeSpan timeout)
{
    public string SocketPath { get; } = socketPath;

    /// <summary>Resolves the socket: the config's <c>socket-path</c>, else <c>CILIUM_SOCK</c>, else Cilium's default.</summary>
    public static string ResolveSocketPath(string? configured, Func<string, string?> env) =>
        configured is { Length: > 0 } c ? c
        : env(AgentPaths.SocketEnvironmentVariable) is { Length: > 0 } e ? e
        : AgentPaths.DefaultSocketPath;

    /// <summary><c>POST /v1/ipam?owner=</c>: both families the node has (no <c>family</c> query).</summary>
    public IPAMResponse AllocateIp(string owner)
    {
        var response = Send("POST", $"{AgentPaths.Ipam}?owner={Uri.EscapeDataString(owner)}", null, "allocate an IP");
        EnsureSuccess(response, "allocate an IP");
        return Read(response, AgentJsonContext.Default.IPAMResponse);
    }

    /// <summary><c>DELETE /v1/ipam/{ip}</c>; false when the address was not allocated.</summary>
    public bool ReleaseIp(string ip)
    {
        var response = Send("DELETE", AgentPaths.IpamIp(ip), null, $"release IP {ip}");
        if (response.Status == HttpStatusCode.NotFound)
        {
            return false;
        }
        EnsureSuccess(response, $"release IP {ip}");
        return true;
    }

    /// <summary><c>PUT /v1/endpoint/0</c>: the agent picks the local id.</summary>
    public EndpointView CreateEndpoint(EndpointChangeRequest request)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, AgentJsonContext.Default.EndpointChangeRequest);
        var response = Send("PUT", AgentPaths.Endpoint("0"), body, "create the endpoint");
        EnsureSuccess(response, "create the endpoint");
        return Read(response, AgentJsonContext.Default.EndpointView);
    }

    /// <summary><c>GET /v1/endpoint/{id}</c>; null when there is no such endpoint.</summary>
    public EndpointView? GetEndpoint(string id)
    {
        var response = Send("GET", AgentPaths.Endpoint(id), null, $"get endpoint {id}");
        if (response.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
        EnsureSuccess(response, $"get endpoint {id}");
        return Read(response, AgentJsonContext.Default.EndpointView);
    }

    /// <summary><c>DELETE /v1/endpoint/{id}</c>; false when there was no such endpoint.</summary>
    public bool DeleteEndpoint(string id)
    {
        var response = Send("DELETE", AgentPaths.Endpoint(id), null, $"delete endpoint {id}");
        if (response.Status == HttpStatusCode.NotFound)
        {
            return false;
        }
        EnsureSuccess(response, $"delete endpoint {id}");
        return true;
    }

    private UnixHttpResponse Send(string method, string path, byte[]? body, string operation)
    {
        try
        {
            return UnixHttpExchange.Send(SocketPath, method, path, body, timeout);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
        {
            throw new AgentUnreachableException(SocketPath, $"no answer to \"{operation}\" within {timeout.TotalSeconds:F0} s", e);
        }
        catch (SocketException e)
        {
            throw new AgentUnreachableException(SocketPath, Reason(e), e);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw new AgentUnreachableException(SocketPath, $"the answer to \"{operation}\" broke off: {e.Message}", e);
        }
    }

    // .NET reports a missing socket file (ENOENT) as AddressNotAvailable.
    private static string Reason(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.AddressNotAvailable => "the socket does not exist",
        SocketError.ConnectionRefused => "connection refused: the socket exists but nobody listens on it",
        SocketError.AccessDenied => "permission denied on the socket",
        _ => e.Message,
    };

    private static void EnsureSuccess(UnixHttpResponse response, string operation)
    {
        if (!response.IsSuccess)
        {
            throw new AgentRequestException(operation, response.Status, ProblemDetail(System.Text.Encoding.UTF8.GetString(response.Body)));
        }
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

    private static T Read<T>(UnixHttpResponse response, JsonTypeInfo<T> type) =>
        (response.Body.Length > 0 ? JsonSerializer.Deserialize(response.Body, type) : default)
        ?? throw new AgentRequestException("read the answer", response.Status, "empty body");
}
