using Cilium.Hubble.Hosting;
using Cilium.Hubble.Ingest;
using Cilium.Hubble.Observer;
using Cilium.Hubble.Peers;
using Cilium.Testing;

namespace Cilium.Hubble.Tests.Support;

/// <summary>
/// The agent-less stand-in: a real Hubble observer server (the one the agent will host) on a free port of
/// 127.0.0.1 and a unix socket of its own, fed with synthetic notifications instead of the eBPF ring buffer.
/// </summary>
public sealed class AgentlessObserverStandIn : IAsyncDisposable
{
    private readonly HubbleServer _server;

    private AgentlessObserverStandIn(HubbleServer server, string nodeName, int port, string socketPath)
    {
        _server = server;
        NodeName = nodeName;
        Port = port;
        SocketPath = socketPath;
    }

    public string NodeName { get; }
    public int Port { get; }
    public string SocketPath { get; }
    public string Address => $"127.0.0.1:{Port}";
    public HubbleObserver Observer => _server.Observer;
    public PeerRegistry Peers => _server.Peers;
    public HubbleServer Server => _server;

    public static async Task<AgentlessObserverStandIn> StartAsync(string nodeName, int capacity = 4095)
    {
        var port = FreePort.Next();
        var socket = Path.Combine(Path.GetTempPath(), $"cilium-test-hubble-{RunId.New()}.sock");
        var options = new HubbleOptions
        {
            NodeName = nodeName,
            BufferCapacity = capacity,
            ListenAddress = $"127.0.0.1:{port}",
            SocketPath = socket,
            AdvertiseAddress = $"127.0.0.1:{port}",
        };
        var server = await HubbleServer.StartAsync(options, new TestResolver());
        return new AgentlessObserverStandIn(server, nodeName, port, socket);
    }

    public void Publish(params DatapathNotification[] notifications)
    {
        foreach (var n in notifications)
        {
            Observer.Publish(n);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        File.Delete(SocketPath);
    }
}
