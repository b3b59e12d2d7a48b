using System.Runtime.InteropServices;
using Cilium.Bpf.Maps;

namespace Cilium.Bpf.Tests.Lab;

/// <summary>Collects the datapath's flow events from the moment it is created (older ones are read and discarded).</summary>
internal sealed class EventCollector : IDisposable
{
    private readonly RingBufferReader _reader;
    private readonly List<FlowEvent> _events = [];
    private bool _keep;

    public EventCollector(Datapath datapath)
    {
        _reader = datapath.OpenEventReader(record =>
        {
            if (_keep)
            {
                _events.Add(MemoryMarshal.Read<FlowEvent>(record));
            }
        });
        _reader.Consume();
        _keep = true;
    }

    public RingBufferReader Reader => _reader;

    public IReadOnlyList<FlowEvent> Drain()
    {
        _reader.Consume();
        return _events.ToList();
    }

    public void Dispose() => _reader.Dispose();
}
