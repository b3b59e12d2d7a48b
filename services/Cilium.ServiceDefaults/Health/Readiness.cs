using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Cilium.ServiceDefaults.Health;

/// <summary>
/// What still has to happen before the process may take traffic. Components register a gate at start and
/// open it when done (buckets created, caches loaded); <c>/readyz</c> reports the gates still closed. The changes are
/// logged here, once each, rather than by the health-check service on every probe while the process starts.
/// </summary>
public sealed class Readiness(ILogger<Readiness> logger)
{
    private readonly ConcurrentDictionary<string, bool> _gates = new(StringComparer.Ordinal);
    private int _ready;
    private int _startupHeapCompacted;

    public void Register(string gate) => _gates.TryAdd(gate, false);

    public void Open(string gate)
    {
        if (Volatile.Read(ref _startupHeapCompacted) == 0 && _gates.All(g => g.Value || g.Key == gate)
            && Interlocked.Exchange(ref _startupHeapCompacted, 1) == 0)
        {
            CompactStartupHeap();
        }
        _gates[gate] = true;
        if (Pending.Count == 0 && Interlocked.Exchange(ref _ready, 1) == 0)
        {
            logger.LogInformation("Ready: every start-up gate is open ({Gates})", string.Join(", ", _gates.Keys.Order(StringComparer.Ordinal)));
        }
    }

    /// <summary>
    /// Start-up leaves a large young heap: caches replayed from the streams, warm-up samples, configuration and the
    /// host's own objects, most of them alive for good. Left alone, the first collections under load would copy all of
    /// it from generation 0 to 1 and then to 2, each a pause of tens of milliseconds in the middle of requests (measured
    /// on the agent's endpoint creation). One full compacting collection before the process takes traffic moves the
    /// survivors to generation 2 at once, where the young collections no longer copy them.
    /// </summary>
    private void CompactStartupHeap()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        logger.LogInformation("Compacted the start-up heap before taking traffic: {HeapMb:F1} MB live, {ElapsedMs:F1} ms",
            GC.GetTotalMemory(forceFullCollection: false) / 1048576.0, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public void Close(string gate)
    {
        var wasOpen = _gates.TryGetValue(gate, out var open) && open;
        _gates[gate] = false;
        if (wasOpen)
        {
            Interlocked.Exchange(ref _ready, 0);
            logger.LogWarning("Not ready: {Gate} closed", gate);
        }
    }

    public IReadOnlyList<string> Pending => _gates.Where(g => !g.Value).Select(g => g.Key).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Completes when every registered gate but <paramref name="gate"/> is open: for the last step of start-up, which
    /// must only happen once everything else is ready and opens its own gate when done.
    /// </summary>
    public Task WaitForOthersAsync(string gate, CancellationToken cancellationToken) =>
        WaitUntilAsync(() => !Pending.Any(g => g != gate), cancellationToken);

    /// <summary>Completes when <paramref name="gate"/> is open.</summary>
    public Task WaitForGateAsync(string gate, CancellationToken cancellationToken) =>
        WaitUntilAsync(() => _gates.TryGetValue(gate, out var open) && open, cancellationToken);

    /// <summary>Completes when every registered gate is open.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) =>
        WaitUntilAsync(() => Pending.Count == 0, cancellationToken);

    // Gates open a handful of times per process, during start-up: polling is simpler than a signal per gate.
    private static async Task WaitUntilAsync(Func<bool> done, CancellationToken cancellationToken)
    {
        while (!done())
        {
            await Task.Delay(20, cancellationToken);
        }
    }
}
