using Cilium.Cni;

// A container runtime runs this once per verb (CNI spec): environment and stdin in, JSON on stdout, exit code out.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await CniPlugin.RunAsync(Environment.GetEnvironmentVariable, Console.In, Console.Out, cancellation.Token);
