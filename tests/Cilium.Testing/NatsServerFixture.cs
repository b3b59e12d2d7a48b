using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Cilium.Testing;

/// <summary>
/// A real <c>nats-server -js</c> on a free port of 127.0.0.1 with a temporary file store. It can be stopped and
/// started again on the same port and store, to test what survives a restart, and removes both at the end.
/// Tests share one server per collection and use unique buckets, subjects or stream names.
/// </summary>
public sealed class NatsServerFixture : IAsyncLifetime
{
    private readonly StringBuilder _log = new();
    private Process? _process;

    public string RunId { get; } = Testing.RunId.New();
    public int Port { get; } = FreePort.Next();
    public string StoreDir { get; }
    public string Url => $"nats://127.0.0.1:{Port}";
    public string Log { get { lock (_log) { return _log.ToString(); } } }

    public NatsServerFixture() => StoreDir = Path.Combine(Path.GetTempPath(), $"cilium-test-nats-{RunId}");

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        var binary = Tools.Require("nats-server", "nats-server");
        Directory.CreateDirectory(StoreDir);
        var psi = new ProcessStartInfo(binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-js", "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-sd", StoreDir, "-n", $"cilium-test-{RunId}" })
        {
            psi.ArgumentList.Add(arg);
        }
        _process = Process.Start(psi) ?? throw new InvalidOperationException("nats-server did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nats-server exited with {_process.ExitCode}:\n{Log}");
            }
            if (Log.Contains("Server is ready", StringComparison.Ordinal) && await AcceptsAsync())
            {
                return;
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"nats-server on port {Port} not ready after 20 s:\n{Log}");
    }

    /// <summary>Stops the server (SIGKILL when <paramref name="kill"/>, else a clean shutdown), keeping its store.</summary>
    public async Task StopAsync(bool kill = false)
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }
        if (kill)
        {
            _process.Kill(entireProcessTree: true);
        }
        else
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term!.WaitForExitAsync();
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async Task RestartAsync(bool kill = false)
    {
        await StopAsync(kill);
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await StopAsync(kill: true);
        try
        {
            Directory.Delete(StoreDir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private async Task<bool> AcceptsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class NatsCollection : ICollectionFixture<NatsServerFixture>
{
    public const string Name = "nats";
}
