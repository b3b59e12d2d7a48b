using Cilium.Dbg;

using var cts = new CancellationTokenSource();
// Ctrl-C cancels the running command (monitor ends cleanly) instead of killing the process mid-write.
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
return await DbgCli.RunAsync(args, Console.Out, Console.Error, cts.Token);
