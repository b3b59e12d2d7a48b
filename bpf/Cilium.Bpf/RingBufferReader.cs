using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Cilium.Bpf.Interop;

namespace Cilium.Bpf;

/// <summary>Receives one ring-buffer record; the span is valid only during the call.</summary>
public delegate void RingBufferHandler(ReadOnlySpan<byte> record);

/// <summary>
/// Reads a BPF ring buffer with libbpf's consumer: records are handed over as spans of the shared memory, so the
/// hot path allocates nothing. Records the datapath could not reserve (ring full) are counted by the datapath in a
/// per-CPU counter map, which <see cref="LostEvents"/> reads.
/// </summary>
public sealed unsafe class RingBufferReader : IDisposable
{
    private readonly RingBufferHandler _handler;
    private readonly PerCpuMap<uint, ulong>? _lost;
    private readonly string _name;
    private GCHandle _self;
    private nint _rb;
    private ExceptionDispatchInfo? _handlerFailure;
    private long _received;

    public RingBufferReader(BpfMap ringBuffer, RingBufferHandler handler, PerCpuMap<uint, ulong>? lostCounter = null)
    {
        ArgumentNullException.ThrowIfNull(ringBuffer);
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _lost = lostCounter;
        _name = ringBuffer.Name;
        _self = GCHandle.Alloc(this);
        _rb = Libbpf.RingBufferNew(ringBuffer.Fd.Value, &OnSample, GCHandle.ToIntPtr(_self), 0);
        if (_rb == 0)
        {
            var errno = BpfException.LastErrno();
            _self.Free();
            throw new BpfException("open ring buffer", _name, errno);
        }
    }

    /// <summary>Longest delay between an event and its delivery by <see cref="RunAsync"/> when the ring is quiet.</summary>
    public const int PollIntervalMs = 50;

    /// <summary>Records handed to the handler so far.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Records the datapath dropped because the ring was full (summed over CPUs).</summary>
    public ulong LostEvents
    {
        get
        {
            var perCpu = _lost?.Lookup(0u);
            ulong sum = 0;
            if (perCpu is not null)
            {
                foreach (var v in perCpu)
                {
                    sum += v;
                }
            }
            return sum;
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> for a wake-up, then handles every record that is there; returns how
    /// many. The datapath wakes the reader only once a batch has piled up, so records also arrive at the timeout.
    /// </summary>
    public int Poll(int timeoutMs)
    {
        var n = Libbpf.RingBufferPoll(Handle, timeoutMs);
        RethrowHandlerFailure();
        if (n < 0)
        {
            var errno = BpfException.ErrnoOf(n);
            if (errno != Errno.EINTR)
            {
                throw new BpfException("poll ring buffer", _name, errno);
            }
            n = 0;
        }
        return n + Consume();
    }

    /// <summary>Handles every record already in the ring without waiting.</summary>
    public int Consume()
    {
        var n = Libbpf.RingBufferConsume(Handle);
        RethrowHandlerFailure();
        return n < 0 ? throw new BpfException("consume ring buffer", _name, BpfException.ErrnoOf(n)) : n;
    }

    /// <summary>Polls on a dedicated thread until cancelled (the poll blocks in the kernel, not on the thread pool).</summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    Poll(PollIntervalMs);
                }
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = $"ring buffer {_name}",
        };
        thread.Start();
        return done.Task;
    }

    public void Dispose()
    {
        var rb = Interlocked.Exchange(ref _rb, 0);
        if (rb != 0)
        {
            Libbpf.RingBufferFree(rb);
            _self.Free();
        }
    }

    private nint Handle => _rb != 0 ? _rb : throw new ObjectDisposedException(_name);

    private void RethrowHandlerFailure()
    {
        var failure = Interlocked.Exchange(ref _handlerFailure, null);
        failure?.Throw();
    }

    [UnmanagedCallersOnly]
    private static int OnSample(nint ctx, nint data, nuint size)
    {
        var reader = (RingBufferReader)GCHandle.FromIntPtr(ctx).Target!;
        try
        {
            reader._handler(new ReadOnlySpan<byte>((void*)data, (int)size));
            Interlocked.Increment(ref reader._received);
            return 0;
        }
        catch (Exception e)
        {
            // Exceptions must not unwind through libbpf; a negative return stops this poll and Poll rethrows.
            reader._handlerFailure = ExceptionDispatchInfo.Capture(e);
            return -1;
        }
    }
}
