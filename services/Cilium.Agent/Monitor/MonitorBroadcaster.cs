using System.Threading.Channels;
using Cilium.Contracts.Agent;

namespace Cilium.Agent.Monitor;

/// <summary>
/// Fans the datapath's notifications out to <c>cilium-dbg monitor</c> clients and keeps the last ones for a
/// non-following read. A slow client loses events (bounded channel, oldest dropped) rather than slowing the datapath reader.
/// </summary>
public sealed class MonitorBroadcaster
{
    private const int Recent = 1024;
    private readonly object _gate = new();
    private readonly Queue<MonitorEvent> _recent = new();
    private readonly List<Channel<MonitorEvent>> _subscribers = [];

    public void Publish(MonitorEvent evt)
    {
        lock (_gate)
        {
            _recent.Enqueue(evt);
            if (_recent.Count > Recent)
            {
                _recent.Dequeue();
            }
            foreach (var s in _subscribers)
            {
                s.Writer.TryWrite(evt);
            }
        }
    }

    public IReadOnlyList<MonitorEvent> Snapshot()
    {
        lock (_gate)
        {
            return [.. _recent];
        }
    }

    public ChannelReader<MonitorEvent> Subscribe(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<MonitorEvent>(new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }
        cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }
}
