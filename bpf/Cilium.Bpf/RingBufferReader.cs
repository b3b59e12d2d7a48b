using Cilium.Bpf.Interop;

namespace Cilium.Bpf;

/// <summary>Receives one ring-buffer record; the span is valid only during the call.</summary>
public delegate void RingBufferHandler(ReadOnlySpan<byte> record);

/// <summary>
/// Reads a BPF ring buffer from its shared memory: records are handed over as spans of that memory, so the hot path
/// allocates nothing and crosses into native code only to wait. Unlike libbpf's consumer, which publishes its
/// position after every record, this one publishes it once per batch: the datapath reads that position on every
/// reserve, and a position that moves with each record costs every event a cache line fetched from the reader's
/// CPU while the reader drains. Records the datapath could not reserve (ring full) are counted by the datapath in
/// a per-CPU counter map, which <see cref="LostEvents"/> reads.
/// </summary>
public sealed unsafe class RingBufferReader : IDisposable
{
    // The kernel's record header: length with the busy and discard bits, then 4 bytes of page offset.
    private const uint BusyBit = 1u << 31;
    private const uint DiscardBit = 1u << 30;
    private const int HeaderBytes = 8;

    private readonly RingBufferHandler _handler;
    private readonly PerCpuMap<uint, ulong>? _lost;
    private readonly string _name;
    private readonly BpfMap _map;
    private readonly nuint _pageSize;
    private readonly ulong _mask;
    private readonly nuint _dataLength;
    private nint _consumer; // the consumer page, read-write: the position this reader has consumed up to
    private nint _producer; // the producer page followed by the data pages, mapped twice so a record never wraps
    private long _received;

    public RingBufferReader(BpfMap ringBuffer, RingBufferHandler handler, PerCpuMap<uint, ulong>? lostCounter = null)
    {
        ArgumentNullException.ThrowIfNull(ringBuffer);
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _lost = lostCounter;
        _name = ringBuffer.Name;
        _map = ringBuffer;
        _pageSize = (nuint)Environment.SystemPageSize;
        _mask = ringBuffer.MaxEntries - 1UL;
        _dataLength = _pageSize + (2 * (nuint)ringBuffer.MaxEntries);
        _consumer = Libc.Mmap(0, _pageSize, Libc.ProtRead | Libc.ProtWrite, Libc.MapShared, ringBuffer.Fd.Value, 0);
        if (_consumer == Libc.MapFailed)
        {
            _consumer = 0;
            throw new BpfException("map ring buffer consumer page", _name, BpfException.LastErrno());
        }
        _producer = Libc.Mmap(0, _dataLength, Libc.ProtRead, Libc.MapShared, ringBuffer.Fd.Value, (long)_pageSize);
        if (_producer == Libc.MapFailed)
        {
            var errno = BpfException.LastErrno();
            _producer = 0;
            Libc.Munmap(_consumer, _pageSize);
            _consumer = 0;
            throw new BpfException("map ring buffer data", _name, errno);
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
        var n = Consume();
        if (n > 0)
        {
            return n;
        }
        var fd = new Libc.PollFd { Fd = _map.Fd.Value, Events = Libc.PollIn };
        if (Libc.Poll(&fd, 1, timeoutMs) < 0)
        {
            var errno = BpfException.LastErrno();
            if (errno != Errno.EINTR)
            {
                throw new BpfException("poll ring buffer", _name, errno);
            }
        }
        return Consume();
    }

    /// <summary>Handles every record already in the ring without waiting; a handler's exception stops and propagates.</summary>
    public int Consume()
    {
        ObjectDisposedException.ThrowIf(_consumer == 0, this);
        var consumerPos = (ulong*)_consumer;
        var producerPos = (ulong*)_producer;
        var data = (byte*)_producer + _pageSize;
        var cons = Volatile.Read(ref *consumerPos);
        var n = 0;
        try
        {
            while (true)
            {
                var prod = Volatile.Read(ref *producerPos);
                if (cons >= prod)
                {
                    return n;
                }
                while (cons < prod)
                {
                    var header = (uint*)(data + (cons & _mask));
                    var len = Volatile.Read(ref *header);
                    if ((len & BusyBit) != 0)
                    {
                        return n; // reserved but not yet submitted: the rest follows at the next poll
                    }
                    var size = len & ~(BusyBit | DiscardBit);
                    cons += (size + HeaderBytes + 7UL) & ~7UL;
                    if ((len & DiscardBit) == 0)
                    {
                        _handler(new ReadOnlySpan<byte>((byte*)header + HeaderBytes, (int)size));
                        Interlocked.Increment(ref _received);
                        n++;
                    }
                }
                Volatile.Write(ref *consumerPos, cons); // once per batch, not per record
            }
        }
        finally
        {
            Volatile.Write(ref *consumerPos, cons);
        }
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
        var producer = Interlocked.Exchange(ref _producer, 0);
        if (producer != 0)
        {
            Libc.Munmap(producer, _dataLength);
        }
        var consumer = Interlocked.Exchange(ref _consumer, 0);
        if (consumer != 0)
        {
            Libc.Munmap(consumer, _pageSize);
        }
    }
}
