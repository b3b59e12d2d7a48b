using System.Diagnostics;
using System.Net;

namespace Cilium.Benchmarks.Datapath;

/// <summary>
/// A node namespace with two pod namespaces on veth pairs, for throughput runs. Addresses come from 198.18.0.0/15
/// and live only inside these namespaces; Dispose deletes them (and with them the links).
/// </summary>
internal sealed class BenchNode : IDisposable
{
    private readonly List<string> _namespaces = [];

    public BenchNode(string runId)
    {
        Node = $"cbb-{runId}-node";
        Add(Node);
        Ip("-n", Node, "link", "set", "lo", "up");
        Exec(Node, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        for (var i = 1; i <= 2; i++)
        {
            var pod = $"cbb-{runId}-pod{i}";
            var veth = $"b{runId}h{i}";
            var address = $"198.18.0.{10 + i}";
            Add(pod);
            Ip("-n", Node, "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", pod);
            Exec(Node, "sysctl", "-qw", $"net.ipv4.conf.{veth}.proxy_arp=1");
            Exec(Node, "sysctl", "-qw", $"net.ipv4.neigh.{veth}.proxy_delay=0");
            Ip("-n", Node, "link", "set", veth, "up");
            Ip("-n", Node, "route", "add", $"{address}/32", "dev", veth);
            Ip("-n", pod, "link", "set", "lo", "up");
            Ip("-n", pod, "link", "set", "eth0", "up");
            Ip("-n", pod, "addr", "add", $"{address}/32", "dev", "eth0");
            Ip("-n", pod, "route", "add", "default", "dev", "eth0");
            Pods.Add((pod, veth, IPAddress.Parse(address)));
        }
    }

    public string Node { get; }
    public List<(string Netns, string HostVeth, IPAddress Address)> Pods { get; } = [];

    public static (int Code, string Output) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 60 s");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    public static void Ip(params string[] args)
    {
        var (code, output) = Run("ip", args);
        if (code != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', args)}: {output}");
        }
    }

    public static void Exec(string netns, params string[] command) => Ip(["netns", "exec", netns, .. command]);

    public void Dispose()
    {
        foreach (var ns in Enumerable.Reverse(_namespaces))
        {
            Run("ip", "netns", "del", ns);
        }
    }

    private void Add(string netns)
    {
        Ip("netns", "add", netns);
        _namespaces.Add(netns);
    }
}
