using System.Numerics;
using Cilium.Hubble.Contracts.Observer;

namespace Cilium.Hubble.Ring;

/// <summary>
/// The observer's ring of events (flows and lost-event markers), as Cilium's <c>pkg/hubble/container</c> ring: a
/// capacity of 2^n - 1, the oldest entry overwritten when full. Every write gets a sequence number; a reader keeps
/// the next sequence it wants, and learns how many it lost when the writer lapped it. Writes take a short lock and
/// allocate nothing; followers wait on one shared signal that is only allocated while someone waits.
/// </summary>
public sealed class FlowRing
{
    public const int DefaultCapacity = 4095;
    public const int MaxCapacity = 65535;

    private readonly GetFlowsResponse?[] _slots;
    private readonly int _mask;
    private readonly Lock _lock = new();
    private long _next;
    private TaskCompletionSource? _waiter;

    public FlowRing(int capacity = DefaultCapacity)
    {
        if (capacity < 1 || capacity > MaxCapacity || !BitOperations.IsPow2(capacity + 1))
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity,
                $"ring capacity must be 2^n-1 between 1 and {MaxCapacity} (e.g. 4095)");
        }
        _slots = new GetFlowsResponse?[capacity + 1];
        _mask = capacity;
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>The sequence the next write gets; also the number of events ever written.</summary>
    public long Head { get { lock (_lock) { return _next; } } }

    /// <summary>The oldest sequence still held.</summary>
    public long Oldest { get { lock (_lock) { return Math.Max(0, _next - Capacity); } } }

    public int Count { get { lock (_lock) { return (int)Math.Min(_next, Capacity); } } }

    public long Write(GetFlowsResponse entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        TaskCompletionSource? wake;
        long seq;
        lock (_lock)
        {
            seq = _next;
            _slots[seq & _mask] = entry;
            _next = seq + 1;
            wake = _waiter;
            _waiter = null;
        }
        wake?.TrySetResult();
        return seq;
    }

    /// <summary>Reads the entry at <paramref name="seq"/>: Ok, NotYet (not written), or Lost (overwritten; <c>Oldest</c> says where to go on).</summary>
    public RingRead TryRead(long seq, out GetFlowsResponse? entry)
    {
        lock (_lock)
        {
            if (seq >= _next)
            {
                entry = null;
                return RingRead.NotYet;
            }
            if (seq < _next - Capacity || seq < 0)
            {
                entry = null;
                return RingRead.Lost;
            }
            entry = _slots[seq & _mask];
            return RingRead.Ok;
        }
    }

    /// <summary>Completes when an entry at or after <paramref name="seq"/> has been written.</summary>
    public Task WaitForAsync(long seq, CancellationToken cancellationToken)
    {
        Task wait;
        lock (_lock)
        {
            if (_next > seq)
            {
                return Task.CompletedTask;
            }
            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            wait = _waiter.Task;
        }
        return wait.WaitAsync(cancellationToken);
    }
}
