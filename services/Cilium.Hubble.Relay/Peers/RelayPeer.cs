using Cilium.Hubble.Client;
using Cilium.Hubble.Contracts.Relay;
using Grpc.Net.Client;
using ObserverClient = Cilium.Hubble.Contracts.Observer.Observer.ObserverClient;

namespace Cilium.Hubble.Relay.Peers;

/// <summary>One node's observer as the relay sees it: its channel and what the last call to it said.</summary>
public sealed class RelayPeer : IDisposable
{
    private readonly GrpcChannel _channel;
    private volatile string _lastError = "";
    private int _state = (int)NodeState.UnknownNodeState;
    private volatile bool _removed;

    public RelayPeer(string name, string address)
    {
        Name = name;
        Address = address;
        _channel = HubbleChannels.Create(address);
        Client = new ObserverClient(_channel);
    }

    public string Name { get; }
    public string Address { get; }
    public ObserverClient Client { get; }
    public NodeState State => (NodeState)Volatile.Read(ref _state);
    public string LastError => _lastError;

    /// <summary>Left the pool: its channel is (being) disposed, so failed calls on it say nothing of the node.</summary>
    public bool Removed => _removed;

    public void MarkConnected()
    {
        Volatile.Write(ref _state, (int)NodeState.NodeConnected);
        _lastError = "";
    }

    public void MarkUnavailable(string error)
    {
        _lastError = error;
        Volatile.Write(ref _state, (int)NodeState.NodeUnavailable);
    }

    public void Dispose()
    {
        _removed = true;
        _channel.Dispose();
    }
}
