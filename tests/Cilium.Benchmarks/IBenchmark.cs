namespace Cilium.Benchmarks;

/// <summary>
/// One benchmark of the suite, found by reflection: add a class, it is listed. Each prints its own figures;
/// loops are bounded in count and time, and any traffic stays on 127.0.0.1 or in namespaces it created.
/// </summary>
public interface IBenchmark
{
    /// <summary>The name given on the command line, e.g. <c>identity</c>, <c>policy</c>, <c>datapath</c>.</summary>
    string Name { get; }

    string Description { get; }

    Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken);
}
