using Cilium.Testing;

namespace Cilium.Cni.Tests.Support;

/// <summary>
/// Runs the real <c>cilium-cni</c> as a runtime does on a lab node: <c>ip netns exec &lt;node&gt; dotnet cilium-cni.dll</c>
/// with the CNI variables and the configuration on stdin.
/// </summary>
internal sealed class CniPlugin(string nodeNetns, string socketPath, string logFile)
{
    public static string Dll { get; } = RepoPaths.Executable("services/Cilium.Cni", "cilium-cni");

    public string SocketPath { get; } = socketPath;

    public string Config(string cniVersion = "1.0.0", string? socket = null, string? prevResult = null) =>
        $$"""{"cniVersion":"{{cniVersion}}","name":"cilium","type":"cilium-cni","socket-path":"{{socket ?? SocketPath}}","log-file":"{{logFile}}"{{(prevResult is null ? "" : $",\"prevResult\":{prevResult}")}}}""";

    public Task<CniRun> AddAsync(string containerId, string netns, string args = "", string? config = null) =>
        RunAsync(Env("ADD", containerId, netns, "eth0", args), config ?? Config());

    public Task<CniRun> DelAsync(string containerId, string? netns, string? config = null) =>
        RunAsync(Env("DEL", containerId, netns, "eth0", ""), config ?? Config());

    public Task<CniRun> CheckAsync(string containerId, string netns, string prevResult) =>
        RunAsync(Env("CHECK", containerId, netns, "eth0", ""), Config(prevResult: prevResult));

    public static Dictionary<string, string> Env(string command, string containerId, string? netns, string ifName, string args)
    {
        var env = new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = command,
            ["CNI_CONTAINERID"] = containerId,
            ["CNI_IFNAME"] = ifName,
            ["CNI_ARGS"] = args,
            ["CNI_PATH"] = "/opt/cni/bin",
        };
        if (netns is not null)
        {
            env["CNI_NETNS"] = netns;
        }
        return env;
    }

    /// <summary>Runs with exactly these CNI variables (the test's own CNI_* are cleared so none leak in).</summary>
    public async Task<CniRun> RunAsync(IReadOnlyDictionary<string, string> cniEnv, string stdin)
    {
        var env = new Dictionary<string, string>(cniEnv);
        foreach (var name in new[] { "CNI_COMMAND", "CNI_CONTAINERID", "CNI_NETNS", "CNI_IFNAME", "CNI_ARGS", "CNI_PATH", "CILIUM_SOCK" })
        {
            env.TryAdd(name, "");
        }
        var (exit, output, error) = await Shell.RunAsync("ip", ["netns", "exec", nodeNetns, "dotnet", Dll], stdin, env);
        return new CniRun(exit, output.Trim(), error);
    }
}
