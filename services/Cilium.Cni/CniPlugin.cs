using System.Diagnostics;
using System.Text.Json;
using Cilium.Cni.Agent;
using Cilium.Cni.Commands;
using Cilium.Cni.Network;
using Cilium.Cni.Pending;
using Cilium.Cni.Spec;

namespace Cilium.Cni;

/// <summary>
/// One invocation of the plugin as the CNI spec defines it: the verb from <c>CNI_COMMAND</c>, the configuration on
/// stdin, the result or the error JSON on stdout, and the exit code (0 only on success).
/// </summary>
public static class CniPlugin
{
    /// <summary>An ADD waits for the endpoint to be programmed; the agent gives up after 30 s, so this is the outer bound.</summary>
    public static readonly TimeSpan AgentTimeout = TimeSpan.FromSeconds(45);

    public static async Task<int> RunAsync(Func<string, string?> env, TextReader stdin, TextWriter stdout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        string? input = null;
        var log = new CniLog(null);
        var what = env("CNI_COMMAND") ?? "?";
        try
        {
            input = await stdin.ReadToEndAsync(cancellationToken);
            var command = CniEnvironment.ParseCommand(env);
            if (command == CniCommand.Version)
            {
                await WriteAsync(stdout, JsonSerializer.Serialize(new VersionResult(NetConfReader.ErrorVersion(input), CniVersions.Supported), CniJsonContext.Default.VersionResult));
                return 0;
            }
            var conf = NetConfReader.Parse(input);
            log = new CniLog(conf.LogFile);
            var cniEnv = CniEnvironment.Parse(command, env);
            what = $"{command.ToString().ToUpperInvariant()} container={cniEnv.ContainerId} ifname={cniEnv.IfName} netns={cniEnv.Netns}";
            var socket = AgentClient.ResolveSocketPath(conf.SocketPath, env);
            var agent = new AgentClient(socket, AgentTimeout);
            var call = new CniInvocation(cniEnv, conf, agent, PendingDeletions.ForSocket(socket));
            switch (command)
            {
                case CniCommand.Add:
                    var result = await AddCommand.RunAsync(call, cancellationToken);
                    await WriteAsync(stdout, JsonSerializer.Serialize(result, CniJsonContext.Default.CniResult));
                    log.Write($"{what} ok ip={string.Join(",", result.Ips.Select(i => i.Address))} in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms (steps: {call.Steps}; process {ProcessAgeMs(started):F0} ms before main)");
                    break;
                case CniCommand.Del:
                    await DelCommand.RunAsync(call, cancellationToken);
                    log.Write($"{what} ok in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");
                    break;
                case CniCommand.Check:
                    await CheckCommand.RunAsync(call, cancellationToken);
                    log.Write($"{what} ok");
                    break;
            }
            return 0;
        }
        catch (Exception e)
        {
            var error = ToError(e, NetConfReader.ErrorVersion(input));
            log.Write($"{what} failed: code {error.Code}: {error.Msg}");
            await WriteAsync(stdout, JsonSerializer.Serialize(error, CniJsonContext.Default.CniError));
            return 1;
        }
    }

    /// <summary>Every failure becomes the spec's error object; the codes say whether retrying can help.</summary>
    public static CniError ToError(Exception e, string version) => e switch
    {
        CniException c when c.InnerException is AgentUnreachableException u => new CniError(version, (int)CniErrorCode.TryAgainLater, u.Message, c.Message),
        CniException c => new CniError(version, (int)c.Code, c.Message, c.Details),
        AgentUnreachableException u => new CniError(version, (int)CniErrorCode.TryAgainLater, u.Message),
        AgentRequestException r => new CniError(version, (int)CniErrorCode.AgentRequestFailed, r.Message),
        NetworkCommandException n => new CniError(version, (int)CniErrorCode.InterfaceSetupFailed, n.Message),
        OperationCanceledException => new CniError(version, (int)CniErrorCode.TryAgainLater, "the operation was cancelled before it finished"),
        IOException or UnauthorizedAccessException => new CniError(version, (int)CniErrorCode.IoFailure, e.Message),
        _ => new CniError(version, (int)CniErrorCode.Internal, $"{e.GetType().Name}: {e.Message}"),
    };

    /// <summary>Time from the process start (the kernel's) to <paramref name="started"/>: runtime start-up, outside any step.</summary>
    private static double ProcessAgeMs(long started) =>
        (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds - Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static async Task WriteAsync(TextWriter stdout, string json)
    {
        await stdout.WriteLineAsync(json);
        await stdout.FlushAsync();
    }
}
