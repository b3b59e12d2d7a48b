using Cilium.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl-C cancels cleanly (pods and policies of a running test are removed); a second one ends the process.
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};
return await CiliumCli.RunAsync(args, Console.Out, Console.Error, cancel.Token);
