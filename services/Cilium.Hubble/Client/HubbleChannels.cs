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
            var handler = Cilium.Contracts.Agent.UnixSocketHttp.Handler(path);
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
