using System.Diagnostics;
using Cilium.Bpf;

namespace Cilium.Benchmarks.Datapath;

/// <summary>
/// Lets BPF_PROG_TEST_RUN time new-flow decisions with a repeat count, in a warm loop like the established figure.
/// A repeat reruns the program on the same frame, so a driver program changes the frame before each run and
/// tail-calls the program under test. <c>bench_next_flow</c> takes the next source port (after 60,000 ports the next
/// source address): every run is a connection CT has never seen, so its CT buckets and entry are cold memory.
/// <c>bench_reopen</c> cycles through 64 source ports and deletes the flow's CT entry before the run: every run is a
/// new-flow decision on warm caches, as the established figure is a lookup on warm caches. The driver's own cost is
/// measured by tail-calling a program that only returns, and subtracted; for <c>bench_reopen</c> that control run
/// deletes nothing, so the subtraction is smaller than what the driver costs in the real run (the figure errs high). The driver is benchmark-only, so it is compiled here (same clang as the build) and never ships.
/// </summary>
internal sealed class NewFlowDriver : IDisposable
{
    private const string Source = """
        #include <linux/bpf.h>
        #include <linux/pkt_cls.h>
        #include <bpf/bpf_helpers.h>

        struct {
            __uint(type, BPF_MAP_TYPE_PROG_ARRAY);
            __uint(max_entries, 1);
            __type(key, __u32);
            __type(value, __u32);
        } bench_target SEC(".maps");

        /* cilium_ct4_global of the datapath under test, reused from its pin (layout of struct ct4_key). */
        struct ct4_key {
            __u32 daddr;
            __u32 saddr;
            __u16 dport;
            __u16 sport;
            __u8 nexthdr;
            __u8 flags;
            __u16 pad;
        };
        struct {
            __uint(type, BPF_MAP_TYPE_LRU_HASH);
            __uint(key_size, sizeof(struct ct4_key));
            __uint(value_size, 32);
            __uint(max_entries, 1);
        } bench_ct4 SEC(".maps");

        /* Ethernet + IPv4 (no options) + TCP/UDP: source address byte 3 at 29, source port at 34. */
        SEC("tc")
        int bench_next_flow(struct __sk_buff *skb)
        {
            __u8 *p = (void *)(long)skb->data;
            if ((void *)(p + 36) > (void *)(long)skb->data_end)
                return TC_ACT_SHOT;
            __u16 port = ((__u16)p[34] << 8) | p[35];
            if (port >= 61023) {
                port = 1024;
                p[29] += 1;
            } else {
                port++;
            }
            p[34] = port >> 8;
            p[35] = port & 0xff;
            bpf_tail_call(skb, &bench_target, 0);
            return TC_ACT_SHOT;
        }

        SEC("tc")
        int bench_reopen(struct __sk_buff *skb)
        {
            __u8 *p = (void *)(long)skb->data;
            if ((void *)(p + 38) > (void *)(long)skb->data_end)
                return TC_ACT_SHOT;
            __u16 port = ((__u16)p[34] << 8) | p[35];
            port = port >= 50063 ? 50000 : port + 1;
            p[34] = port >> 8;
            p[35] = port & 0xff;
            struct ct4_key k = { .nexthdr = p[23], .flags = 0 /* CT_EGRESS */ };
            __builtin_memcpy(&k.daddr, p + 30, 4);
            __builtin_memcpy(&k.saddr, p + 26, 4);
            __builtin_memcpy(&k.dport, p + 36, 2);
            __builtin_memcpy(&k.sport, p + 34, 2);
            bpf_map_delete_elem(&bench_ct4, &k);
            bpf_tail_call(skb, &bench_target, 0);
            return TC_ACT_SHOT;
        }

        SEC("tc")
        int bench_pass(struct __sk_buff *skb)
        {
            return TC_ACT_OK;
        }

        char _license[] SEC("license") = "Dual BSD/GPL";
        """;

    private readonly BpfProgram _driver;
    private readonly BpfProgram _reopen;
    private readonly BpfProgram _pass;
    private readonly BpfMap<uint, int> _target;

    public NewFlowDriver(string runId, BpfMap ct4)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"cbb-{runId}-driver");
        Directory.CreateDirectory(dir);
        try
        {
            var c = Path.Combine(dir, "driver.c");
            var o = Path.Combine(dir, "driver.o");
            File.WriteAllText(c, Source);
            var arch = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64
                ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
            var (code, output) = BenchNode.Run("clang", "-O2", "-g", "-Wall", "-Werror", "-target", "bpf", $"-I/usr/include/{arch}", "-c", c, "-o", o);
            if (code != 0)
            {
                throw new InvalidOperationException($"clang could not build the new-flow driver: {output}");
            }
            using var obj = BpfObject.Open(o);
            obj.SetMaxEntries("bench_ct4", ct4.MaxEntries);
            obj.ReuseMap("bench_ct4", ct4);
            obj.Load();
            _driver = obj.GetProgram("bench_next_flow");
            _reopen = obj.GetProgram("bench_reopen");
            _pass = obj.GetProgram("bench_pass");
            _target = obj.GetMap<uint, int>("bench_target");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Mean ns of <paramref name="program"/> per new flow over <paramref name="repeat"/> runs from
    /// <paramref name="frame"/> (IPv4 TCP, source port below 50,000 for distinct flows, 49,999 for re-opened ones),
    /// minus the driver's own cost measured right before.
    /// </summary>
    public (double NetNs, double DriverNs, uint ReturnValue) Run(BpfProgram program, byte[] frame, int repeat, bool reopen)
    {
        Debug.Assert(frame.Length >= 54);
        var driverProgram = reopen ? _reopen : _driver;
        _target.Update(0, _pass.Fd.Value);
        var driver = driverProgram.TestRun(frame, repeat);
        _target.Update(0, program.Fd.Value);
        var run = driverProgram.TestRun(frame, repeat);
        _target.Delete(0);
        return ((double)run.DurationNs - driver.DurationNs, driver.DurationNs, run.ReturnValue);
    }

    public void Dispose()
    {
        _target.Dispose();
        _pass.Dispose();
        _reopen.Dispose();
        _driver.Dispose();
    }
}
