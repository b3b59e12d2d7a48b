using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Cilium.Benchmarks.Support;

/// <summary>
/// Drives HTTP load with <c>wrk</c> (Debian package): a C load generator costs the 2-core machine far less CPU
/// per request than an HttpClient loop, so the figures measure the service rather than the client.
/// </summary>
public static partial class Wrk
{
    public static async Task<WrkResult> RunAsync(string url, string luaScript, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        var binary = Cilium.Testing.Tools.Require("wrk", "wrk");
        var script = Path.Combine(Path.GetTempPath(), $"cilium-bench-{Cilium.Testing.RunId.New()}.lua");
        await File.WriteAllTextAsync(script, luaScript, cancellationToken);
        try
        {
            var psi = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-t1", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--latency", "-s", script, url })
            {
                psi.ArgumentList.Add(a);
            }
            using var process = Process.Start(psi)!;
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"wrk failed: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
            }
            return Parse(output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    public static WrkResult Parse(string output)
    {
        var requests = long.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var seconds = double.Parse(Requests().Match(output).Groups[2].Value, CultureInfo.InvariantCulture) * Unit(Requests().Match(output).Groups[3].Value) / 1000;
        var non2xx = NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new WrkResult(requests, seconds, Percentile(output, "50%"), Percentile(output, "99%"), non2xx);
    }

    private static double Percentile(string output, string p)
    {
        var match = Regex.Match(output, $@"^\s+{Regex.Escape(p)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * Unit(match.Groups[2].Value);
    }

    private static double Unit(string unit) => unit switch { "us" => 0.001, "ms" => 1, "s" => 1000, "m" => 60_000, _ => 1 };

    [GeneratedRegex(@"(\d+) requests in ([\d.]+)(us|ms|s|m)")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccess();
}

/// <summary>What one wrk run measured: latencies in milliseconds.</summary>
public sealed record WrkResult(long Requests, double Seconds, double P50Ms, double P99Ms, long Non2xx)
{
    public double PerSecond => Requests / Seconds;
}
