using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Cilium.Cli.Workloads;

/// <summary>
/// The client workload: one HTTP GET with a connect timeout and a request timeout, exit codes as curl's
/// (0 ok, 7 refused, 28 timed out, 22 HTTP error, 56 reset), so drops are told apart from refusals.
/// With several URLs or <c>--count</c> it keeps one connection open and sends a request per line read from stdin
/// (the connection-survives-an-agent-restart check).
/// </summary>
public sealed record HttpProbe(Uri Url, TimeSpan ConnectTimeout, TimeSpan RequestTimeout)
{
    public const int Ok = 0;
    public const int Refused = 7;
    public const int HttpError = 22;
    public const int TimedOut = 28;
    public const int Reset = 56;

    public async Task<int> GetAsync(TextWriter output, CancellationToken ct)
    {
        using var client = new TcpClient();
        var connected = await ConnectAsync(client, output, ct);
        if (connected != Ok)
        {
            return connected;
        }
        return await RequestAsync(client.GetStream(), close: true, output, ct);
    }

    /// <summary>Keeps one connection; for every line on <paramref name="input"/> sends a request and prints the answer's first line.</summary>
    public async Task<int> SessionAsync(TextReader input, TextWriter output, CancellationToken ct)
    {
        using var client = new TcpClient();
        var connected = await ConnectAsync(client, output, ct);
        if (connected != Ok)
        {
            return connected;
        }
        await output.WriteLineAsync($"connected {client.Client.LocalEndPoint}");
        await output.FlushAsync(ct);
        while (await input.ReadLineAsync(ct) is { } line && line != "quit")
        {
            var code = await RequestAsync(client.GetStream(), close: false, output, ct);
            await output.FlushAsync(ct);
            if (code != Ok)
            {
                return code;
            }
        }
        return Ok;
    }

    private async Task<int> ConnectAsync(TcpClient client, TextWriter output, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ConnectTimeout);
        var watch = Stopwatch.StartNew();
        try
        {
            await client.ConnectAsync(Url.Host, Url.Port, timeout.Token);
            return Ok;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            await output.WriteLineAsync($"connect to {Url.Host}:{Url.Port} timed out after {watch.ElapsedMilliseconds} ms");
            return TimedOut;
        }
        catch (SocketException e)
        {
            await output.WriteLineAsync($"connect to {Url.Host}:{Url.Port}: {e.SocketErrorCode}");
            return e.SocketErrorCode == SocketError.ConnectionRefused ? Refused : TimedOut;
        }
    }

    private async Task<int> RequestAsync(NetworkStream stream, bool close, TextWriter output, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            var request = $"GET {Url.PathAndQuery} HTTP/1.1\r\nHost: {Url.Authority}\r\nUser-Agent: cilium-lab\r\nConnection: {(close ? "close" : "keep-alive")}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
            var head = await ReadHeadAsync(stream, timeout.Token);
            var status = head.Split("\r\n")[0];
            var length = head.Split("\r\n").Select(h => h.Split(':', 2)).Where(h => h.Length == 2 && h[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                .Select(h => int.Parse(h[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
            var body = new byte[length];
            await stream.ReadExactlyAsync(body, timeout.Token);
            await output.WriteLineAsync($"{status} {Encoding.ASCII.GetString(body).Trim()}");
            return status.Split(' ') is { Length: >= 2 } parts && parts[1].StartsWith('2') ? Ok : HttpError;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            await output.WriteLineAsync($"request to {Url} timed out after {RequestTimeout.TotalMilliseconds} ms");
            return TimedOut;
        }
        catch (Exception e) when (e is IOException or SocketException or EndOfStreamException)
        {
            await output.WriteLineAsync($"request to {Url}: {e.Message}");
            return Reset;
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken ct)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, ct) == 0)
            {
                throw new EndOfStreamException("connection closed before the answer");
            }
            head.Append((char)one[0]);
            if (head.Length > 16384)
            {
                throw new IOException("answer header too long");
            }
        }
        return head.ToString();
    }
}
