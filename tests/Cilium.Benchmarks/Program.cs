using Cilium.Benchmarks;

// dotnet run -c Release --project tests/Cilium.Benchmarks -- <name> [args]   (no name: list them; "all": run all)
var benchmarks = typeof(Program).Assembly.GetTypes()
    .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IBenchmark).IsAssignableFrom(t))
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0)
{
    Console.WriteLine("usage: Cilium.Benchmarks <name>|all [args]");
    foreach (var b in benchmarks)
    {
        Console.WriteLine($"  {b.Name,-12} {b.Description}");
    }
    return 0;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
var selected = args[0] == "all" ? benchmarks : benchmarks.Where(b => b.Name == args[0]).ToList();
if (selected.Count == 0)
{
    Console.Error.WriteLine($"no benchmark named '{args[0]}'");
    return 2;
}
foreach (var b in selected)
{
    Console.WriteLine($"== {b.Name}: {b.Description}");
    await b.RunAsync(args.Skip(1).ToArray(), cts.Token);
}
return 0;

public partial class Program;
