using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cilium.Cli.Workloads;

/// <summary>
/// The echo workload of the connectivity test: a minimal HTTP/1.1 server (keep-alive) answering every GET with a
/// small JSON document naming the pod and the client, run inside a pod's namespace. Plain sockets keep its
/// start-up fast and its behaviour obvious.
/// </summary>
public sealed class EchoServer(int port, string name)
{
    public async Task RunAsync(TextWriter log, CancellationToken ct)
    {
        var listener = new TcpListener(IPAddress.IPv6Any, port);
        listener.Server.DualMode = true;
        listener.Start();
        await log.WriteLineAsync($"echo-server {name} listening on :{port}");
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(ct);
                _ = ServeAsync(client, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            listener.Stop();
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken ct)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var reader = new StreamReader(stream, Encoding.ASCII);
                var peer = client.Client.RemoteEndPoint is IPEndPoint p ? $"{p.Address.MapToIPv4()}:{p.Port}" : "?";
                while (!ct.IsCancellationRequested)
                {
                    var requestLine = await reader.ReadLineAsync(ct);
                    if (requestLine is null)
                    {
                        return;
                    }
                    var close = false;
                    string? line;
                    while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync(ct)))
                    {
                        close |= line.Equals("Connection: close", StringComparison.OrdinalIgnoreCase);
                    }
                    var path = requestLine.Split(' ') is { Length: >= 2 } parts ? parts[1] : "/";
                    var body = $"{{\"pod\":\"{name}\",\"path\":\"{path}\",\"client\":\"{peer}\"}}\n";
                    var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.ASCII.GetByteCount(body)}\r\nConnection: {(close ? "close" : "keep-alive")}\r\n\r\n";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head + body), ct);
                    if (close)
                    {
                        return;
                    }
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
            }
        }
    }
}
