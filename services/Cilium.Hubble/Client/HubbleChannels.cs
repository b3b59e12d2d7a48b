using System.Net.Sockets;
using Grpc.Net.Client;

namespace Cilium.Hubble.Client;

/// <summary>gRPC channels to Hubble servers: <c>host:port</c>, <c>http://host:port</c> (h2c) or <c>unix:///path</c>.</summary>
public static class HubbleChannels
{
    public static GrpcChannel Create(string address)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        if (address.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = address["unix://".Length..];
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, ct) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            };
            return GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler, MaxReceiveMessageSize = null });
        }
        var url = address.Contains("://", StringComparison.Ordinal) ? address : "http://" + address;
        return GrpcChannel.ForAddress(url, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = null,
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                KeepAlivePingDelay = TimeSpan.FromSeconds(30),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            },
        });
    }
}
