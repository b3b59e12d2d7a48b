using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Cilium.Dbg.Client;

/// <summary>
/// The agent's v1 REST API over its unix socket: the only way cilium-dbg learns anything. Connection failures become
/// <see cref="AgentUnreachableException"/>, error answers <see cref="AgentApiException"/>.
/// </summary>
public sealed class AgentClient : IDisposable
{
    // Long enough for a slow regeneration behind a GET, short enough that a wedged agent does not hang a script.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;

    public AgentClient(string socketPath)
    {
        SocketPath = socketPath;
        // Requests carry their own timeouts (see RequestTimeout); the client never cuts one short.
        _http = Cilium.Contracts.Agent.UnixSocketHttp.Client(socketPath, Timeout.InfiniteTimeSpan);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public string SocketPath { get; }

    /// <summary>GET <paramref name="pathAndQuery"/> and read the answer as <typeparamref name="T"/>.</summary>
    public async Task<AgentDocument<T>> GetAsync<T>(string pathAndQuery, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var json = await GetStringAsync(pathAndQuery, cancellationToken);
        try
        {
            var value = JsonSerializer.Deserialize(json, type)
                ?? throw new JsonException("the answer is null");
            return new AgentDocument<T>(value, json);
        }
        catch (JsonException e)
        {
            throw new AgentApiException(HttpStatusCode.OK, $"unexpected answer to GET {pathAndQuery}", e.Message);
        }
    }

    /// <summary>Like <see cref="GetAsync{T}"/>, but a 404 is <c>null</c> (an optional map that this node does not have).</summary>
    public async Task<AgentDocument<T>?> GetOrNullAsync<T>(string pathAndQuery, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync(pathAndQuery, type, cancellationToken);
        }
        catch (AgentApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// The lines of a streamed answer (JSON lines), as they arrive, until the agent ends it or the caller cancels.
    /// <paramref name="connected"/> runs once the agent has accepted the request, before the first line.
    /// </summary>
    public async IAsyncEnumerable<string> StreamLinesAsync(string pathAndQuery, Func<Task> connected, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connected);
        using var response = await SendAsync(pathAndQuery, HttpCompletionOption.ResponseHeadersRead, cancellationToken, timeout: false);
        await connected();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream);
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken);
            }
            catch (IOException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new AgentUnreachableException(SocketPath, $"stream broken: {e.Message}", e);
            }
            if (line is null)
            {
                yield break;
            }
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<string> GetStringAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(pathAndQuery, HttpCompletionOption.ResponseContentRead, cancellationToken, timeout: true);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(string pathAndQuery, HttpCompletionOption completion, CancellationToken cancellationToken, bool timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout)
        {
            deadline.CancelAfter(RequestTimeout);
        }
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(pathAndQuery, completion, deadline.Token);
        }
        catch (HttpRequestException e)
        {
            // .NET reports a missing unix socket file as "Cannot assign requested address"; say what it is.
            var reason = !File.Exists(SocketPath) ? "no such socket file"
                : e.InnerException is SocketException s ? s.Message : e.Message;
            throw new AgentUnreachableException(SocketPath, reason, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AgentUnreachableException(SocketPath, $"no answer to GET {pathAndQuery} within {RequestTimeout.TotalSeconds:0} s", e);
        }
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw ProblemReader.ToException(response.StatusCode, response.ReasonPhrase, body);
        }
    }
}
