using System.Text.Json;

namespace Cilium.Cni.Tests.Support;

/// <summary>What one plugin process did: exit code, stdout parsed as JSON when it is JSON, stderr.</summary>
internal sealed record CniRun(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    /// <summary>The spec error code on stdout, or -1 when stdout is not an error object.</summary>
    public int ErrorCode => Stdout.Length > 0 && Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("code", out var c) ? c.GetInt32() : -1;

    public string ErrorMessage => Json.TryGetProperty("msg", out var m) ? m.GetString() ?? "" : "";

    public string Ipv4 => Json.GetProperty("ips").EnumerateArray().Select(i => i.GetProperty("address").GetString()!).First(a => !a.Contains(':', StringComparison.Ordinal)).Split('/')[0];

    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}
