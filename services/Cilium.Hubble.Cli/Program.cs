using Cilium.Hubble.Cli;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
return await HubbleCli.RunAsync(args, Console.Out, Console.Error, cts.Token);
