using System.Diagnostics;
using System.Text;

namespace Cilium.Testing;

/// <summary>
/// One of the project's real executables running as its own process (<c>dotnet &lt;dll&gt; args</c>), with its
/// output kept for the failure message. Kill it to test crashes; start it again to test restarts.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string _dll;
    private readonly IReadOnlyList<string> _args;
    private readonly StringBuilder _log = new();
    private Process? _process;

    public ServiceProcess(string projectDir, string assemblyName, IReadOnlyList<string> args)
    {
        _dll = RepoPaths.Executable(projectDir, assemblyName);
        _args = args;
        Name = assemblyName;
    }

    public string Name { get; }
    public string Log { get { lock (_log) { return _log.ToString(); } } }
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The process id while it runs (for memory readings in benchmarks).</summary>
    public int? Pid => IsRunning ? _process!.Id : null;

    public void Start()
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(_dll);
        foreach (var a in _args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        _process = Process.Start(psi) ?? throw new InvalidOperationException($"{Name} did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Polls <paramref name="readyUrl"/> until it answers 200; fails with the process log.</summary>
    public async Task WaitReadyAsync(string readyUrl, TimeSpan? timeout = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited ({_process?.ExitCode}):\n{Log}");
            }
            try
            {
                using var response = await http.GetAsync(readyUrl);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{Name} not ready at {readyUrl}:\n{Log}");
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
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
}
