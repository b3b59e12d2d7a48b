using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Cilium.Testing;

namespace Cilium.Benchmarks.Cni;

/// <summary>
/// One node for the CNI benchmark: namespace <c>cbn-&lt;run&gt;-node</c>, nats-server, identity and endpoint services,
/// a real <c>cilium-agent</c> with its datapath in that namespace, and pods <c>cbn-&lt;run&gt;-p&lt;n&gt;</c>. Addresses from
/// 198.18.0.0/15 only, inside these namespaces only; Dispose removes all of it.
/// </summary>
internal sealed class BenchCniNode : IAsyncDisposable
{
    private readonly NatsServerFixture _nats = new();
    private readonly List<ServiceProcess> _processes = [];
    private readonly List<string> _namespaces = [];

    public string RunId { get; } = Testing.RunId.New();
    public string NodeNetns => $"cbn-{RunId}-node";
    public string Dir => Path.Combine(Path.GetTempPath(), $"cbn-{RunId}");
    public string SocketPath => Path.Combine(Dir, "agent.sock");
    public string LogFile => Path.Combine(Dir, "cilium-cni.log");
    public string BpffsRoot => $"/sys/fs/bpf/cilium-cbn-{RunId}";
    public string CniDll { get; } = RepoPaths.Executable("services/Cilium.Cni", "cilium-cni");

    /// <summary>What a runtime executes: the Native AOT binary scripts/build.sh ships, else <c>dotnet cilium-cni.dll</c>.</summary>
    public IReadOnlyList<string> CniCommand { get; } = File.Exists(Path.Combine(RepoPaths.Root, "artifacts", "bin", "cilium-cni"))
        ? [Path.Combine(RepoPaths.Root, "artifacts", "bin", "cilium-cni")]
        : ["dotnet", RepoPaths.Executable("services/Cilium.Cni", "cilium-cni")];

    public string Config =>
        $$"""{"cniVersion":"1.0.0","name":"cilium","type":"cilium-cni","socket-path":"{{SocketPath}}","log-file":"{{LogFile}}"}""";

    public async Task StartAsync()
    {
        Directory.CreateDirectory(Dir);
        await RunAsync("ip", ["netns", "add", NodeNetns]);
        _namespaces.Add(NodeNetns);
        await RunAsync("ip", ["-n", NodeNetns, "link", "set", "lo", "up"]);
        await _nats.StartAsync();
        var identityUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var endpointUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var identity = Start("services/Cilium.Identity", "cilium-identity", ["--urls", identityUrl, $"--Nats:Url={_nats.Url}", "--Logging:LogLevel:Default=Warning"]);
        var endpoint = Start("services/Cilium.Endpoint", "cilium-endpoint", ["--urls", endpointUrl, $"--Nats:Url={_nats.Url}", "--Logging:LogLevel:Default=Warning"]);
        await identity.WaitReadyAsync(identityUrl + "/readyz", TimeSpan.FromMinutes(2));
        await endpoint.WaitReadyAsync(endpointUrl + "/readyz", TimeSpan.FromMinutes(2));
        var agent = Start("services/Cilium.Agent", "cilium-agent",
        [
            $"--Nats:Url={_nats.Url}",
            $"--Agent:SocketPath={SocketPath}",
            $"--Agent:StateDir={Path.Combine(Dir, "state")}",
            $"--Agent:BpffsRoot={BpffsRoot}",
            $"--Agent:NodeName=bench-{RunId}",
            $"--Agent:PodCidr=198.19.{Random.Shared.Next(16, 250).ToString(CultureInfo.InvariantCulture)}.0/24",
            "--Agent:NodeIp=198.18.0.2",
            $"--Agent:HostNetns={NodeNetns}",
            $"--Agent:IdentityUrl={identityUrl}",
            $"--Agent:EndpointUrl={endpointUrl}",
            // Hubble's defaults (:4244, /var/run/cilium/hubble.sock) belong to the machine's own agent, not to a benchmark's.
            "--Hubble:Enabled=false",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await WaitSocketReadyAsync(agent);
    }

    public async Task<string> CreatePodAsync(int n)
    {
        var name = $"cbn-{RunId}-p{n.ToString(CultureInfo.InvariantCulture)}";
        await RunAsync("ip", ["netns", "add", name]);
        _namespaces.Add(name);
        return $"/var/run/netns/{name}";
    }

    /// <summary>One plugin process as a runtime starts it on the node; returns wall time and exit code.</summary>
    public async Task<(double Ms, int ExitCode, string Output)> InvokeAsync(string command, string containerId, string? netns, string args)
    {
        var psi = new ProcessStartInfo("ip")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "netns", "exec", NodeNetns }.Concat(CniCommand))
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["CNI_COMMAND"] = command;
        psi.Environment["CNI_CONTAINERID"] = containerId;
        psi.Environment["CNI_NETNS"] = netns ?? "";
        psi.Environment["CNI_IFNAME"] = "eth0";
        psi.Environment["CNI_ARGS"] = args;
        psi.Environment["CNI_PATH"] = "/opt/cni/bin";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        await process.StandardInput.WriteAsync(Config);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (watch.Elapsed.TotalMilliseconds, process.ExitCode, output);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _processes)
        {
            await p.DisposeAsync();
        }
        await _nats.DisposeAsync();
        foreach (var ns in Enumerable.Reverse(_namespaces))
        {
            await RunAsync("ip", ["netns", "del", ns], check: false);
        }
        if (Directory.Exists(BpffsRoot))
        {
            Directory.Delete(BpffsRoot, recursive: true);
        }
        if (Directory.Exists(Dir))
        {
            Directory.Delete(Dir, recursive: true);
        }
    }

    private ServiceProcess Start(string project, string assembly, IReadOnlyList<string> args)
    {
        var process = new ServiceProcess(project, assembly, args);
        _processes.Add(process);
        process.Start();
        return process;
    }

    private async Task WaitSocketReadyAsync(ServiceProcess agent)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (!agent.IsRunning)
            {
                throw new InvalidOperationException($"cilium-agent exited:\n{agent.Log}");
            }
            try
            {
                using var http = Cilium.Contracts.Agent.UnixSocketHttp.Client(SocketPath, TimeSpan.FromSeconds(5));
                using var ready = await http.GetAsync("/readyz");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"cilium-agent not ready:\n{agent.Log}");
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args, bool check = true)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {error}");
        }
    }
}
