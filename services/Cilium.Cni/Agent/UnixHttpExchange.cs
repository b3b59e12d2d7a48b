using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cilium.Cni.Agent;

/// <summary>The status and body of one answer of the agent.</summary>
public sealed record UnixHttpResponse(HttpStatusCode Status, byte[] Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}

/// <summary>
/// One HTTP/1.1 request over the agent's unix socket, on a connection of its own (<c>Connection: close</c>).
/// Why not HttpClient: a runtime starts the plugin once per verb, and HttpClient's stack (TLS, HTTP/2 and 3, proxies,
/// connection pools) made the Native AOT image 9.5 MB whose start-up alone (rehydrating its data) took about 30 ms, and
/// whose first request cost about 20 ms more. The plugin needs none of it: a local socket, three verbs, JSON bodies.
/// Answers are framed by <c>Content-Length</c>, by chunks, or by the end of the connection, as RFC 9112 says.
/// </summary>
public static class UnixHttpExchange
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    /// <summary>
    /// Sends the request and reads the whole answer within <paramref name="timeout"/>; a <see cref="SocketException"/>
    /// with <see cref="SocketError.TimedOut"/> when the agent does not answer in time.
    /// </summary>
    /// <remarks>
    /// Blocking on purpose: the plugin is one short process doing one thing at a time. The asynchronous socket calls
    /// started .NET's socket event thread and thread-pool workers first, about 7 ms of a 50 ms ADD; these calls run on
    /// the main thread, bounded by the socket's send and receive timeouts.
    /// </remarks>
    public static UnixHttpResponse Send(string socketPath, string method, string path, byte[]? jsonBody, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        // SO_SNDTIMEO bounds a connect to a unix socket whose backlog is full, and the send.
        socket.SendTimeout = RemainingMs(deadline);
        socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        var head = new StringBuilder()
            .Append(method).Append(' ').Append(path).Append(" HTTP/1.1\r\n")
            .Append("Host: localhost\r\nAccept: application/json\r\nConnection: close\r\n");
        if (jsonBody is not null)
        {
            head.Append("Content-Type: application/json\r\nContent-Length: ").Append(jsonBody.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }
        else if (method is "POST" or "PUT" or "PATCH")
        {
            head.Append("Content-Length: 0\r\n");
        }
        head.Append("\r\n");
        var request = Encoding.ASCII.GetBytes(head.ToString());
        socket.Send(jsonBody is null ? request : [.. request, .. jsonBody], SocketFlags.None);

        // The server closes the connection after its answer: read to the end, then take the answer apart.
        using var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            socket.ReceiveTimeout = RemainingMs(deadline);
            var n = socket.Receive(buffer, SocketFlags.None);
            if (n == 0)
            {
                break;
            }
            received.Write(buffer, 0, n);
        }
        return Parse(received.GetBuffer().AsSpan(0, (int)received.Length));
    }

    // 0 would mean "no timeout" to the socket: an expired deadline is one millisecond, which fails at once.
    private static int RemainingMs(DateTime deadline) =>
        Math.Max(1, (int)Math.Min(int.MaxValue, (deadline - DateTime.UtcNow).TotalMilliseconds));

    /// <summary>Status line, headers and body of a complete HTTP/1.1 answer.</summary>
    public static UnixHttpResponse Parse(ReadOnlySpan<byte> message)
    {
        var headerEnd = message.IndexOf(HeaderEnd);
        if (headerEnd < 0)
        {
            throw new InvalidDataException("the agent closed the connection before the end of its answer's headers");
        }
        var lines = Encoding.ASCII.GetString(message[..headerEnd]).Split("\r\n");
        var statusParts = lines[0].Split(' ', 3);
        if (statusParts.Length < 2 || !statusParts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(statusParts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new InvalidDataException($"not an HTTP/1.1 status line: \"{lines[0]}\"");
        }
        long? contentLength = null;
        var chunked = false;
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }
            var name = line.AsSpan(0, colon).Trim();
            var value = line.AsSpan(colon + 1).Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                contentLength = length;
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.EndsWith("chunked", StringComparison.OrdinalIgnoreCase))
            {
                chunked = true;
            }
        }
        var rest = message[(headerEnd + HeaderEnd.Length)..];
        var body = chunked ? Unchunk(rest)
            : contentLength is { } l ? (l <= rest.Length ? rest[..(int)l].ToArray() : throw new InvalidDataException($"the answer's body ended after {rest.Length} of {l} bytes"))
            : rest.ToArray();
        return new UnixHttpResponse((HttpStatusCode)status, body);
    }

    private static byte[] Unchunk(ReadOnlySpan<byte> data)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var lineEnd = data.IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                throw new InvalidDataException("the answer's chunked body ended inside a chunk header");
            }
            var sizeText = Encoding.ASCII.GetString(data[..lineEnd]);
            var extension = sizeText.IndexOf(';');
            if (!int.TryParse(extension >= 0 ? sizeText[..extension] : sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                throw new InvalidDataException($"bad chunk size \"{sizeText}\"");
            }
            data = data[(lineEnd + 2)..];
            if (size == 0)
            {
                return body.ToArray(); // trailers, if any, are of no interest
            }
            if (data.Length < size + 2)
            {
                throw new InvalidDataException("the answer's chunked body ended inside a chunk");
            }
            body.Write(data[..size]);
            data = data[(size + 2)..];
        }
    }
}
