using Cilium.Cli.Infrastructure;

namespace Cilium.Cli.Lab;

/// <summary>Bounded polling until a lab process answers ready; a process that died is reported with its log's tail.</summary>
public static class LabReadiness
{
    public static async Task WaitHttpAsync(string what, string url, int pid, string logFile, TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await WaitAsync(what, pid, logFile, timeout, async () =>
        {
            try
            {
                using var response = await http.GetAsync(url, ct);
                return response.IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                return false;
            }
        }, ct);
    }

    public static async Task WaitAgentAsync(LabNode node, int pid, TimeSpan timeout, CancellationToken ct)
    {
        using var agent = new AgentClient(node.Socket);
        await WaitAsync($"cilium-agent on {node.Name}", pid, node.LogFile, timeout,
            async () => File.Exists(node.ConfList) && await agent.IsReadyAsync(ct), ct);
    }

    public static async Task WaitAsync(string what, int pid, string logFile, TimeSpan timeout, Func<Task<bool>> ready, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (!LabProcesses.IsAlive(pid))
            {
                throw new InvalidOperationException($"{what} exited; last lines of {logFile}:\n{Tail(logFile)}");
            }
            if (await ready())
            {
                return;
            }
            await Task.Delay(100, ct);
        }
        throw new TimeoutException($"{what} not ready after {timeout.TotalSeconds:0} s; last lines of {logFile}:\n{Tail(logFile)}");
    }

    public static string Tail(string file, int lines = 15)
    {
        try
        {
            return string.Join('\n', File.ReadLines(file).TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }
}
