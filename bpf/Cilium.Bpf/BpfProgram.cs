using Cilium.Bpf.Interop;

namespace Cilium.Bpf;

/// <summary>A loaded BPF program this process holds a descriptor of.</summary>
public sealed class BpfProgram : IDisposable
{
    public BpfProgram(BpfFd fd, string name)
    {
        Fd = fd;
        Name = name;
        Id = GetId(fd, name);
    }

    public BpfFd Fd { get; }
    public string Name { get; }

    /// <summary>The kernel's program id: the same for every descriptor and pin of this program.</summary>
    public uint Id { get; }

    public static BpfProgram OpenPinned(string path, string? name = null)
    {
        var fd = Libbpf.ObjGet(path);
        if (fd < 0)
        {
            throw new BpfException("open pinned", $"{name ?? Path.GetFileName(path)} ({path})", BpfException.ErrnoOf(fd));
        }
        return new BpfProgram(new BpfFd(fd), name ?? Path.GetFileName(path));
    }

    public void Pin(string path) => BpfException.Check(Libbpf.ObjPin(Fd.Value, path), "pin", $"{Name} at {path}");

    /// <summary>
    /// Runs the program on <paramref name="packet"/> (an Ethernet frame for tc programs) <paramref name="repeat"/>
    /// times in the kernel with BPF_PROG_TEST_RUN; returns the program's return code and the mean ns per run.
    /// </summary>
    public unsafe TestRunResult TestRun(ReadOnlySpan<byte> packet, int repeat = 1)
    {
        fixed (byte* data = packet)
        {
            var opts = new Libbpf.TestRunOpts
            {
                Size = (nuint)sizeof(Libbpf.TestRunOpts),
                DataIn = data,
                DataSizeIn = (uint)packet.Length,
                Repeat = repeat,
            };
            BpfException.Check(Libbpf.ProgTestRunOpts(Fd.Value, &opts), "test run", Name);
            return new TestRunResult(opts.Retval, opts.Duration);
        }
    }

    public void Dispose() => Fd.Dispose();

    public override string ToString() => $"{Name} (id {Id})";

    private static unsafe uint GetId(BpfFd fd, string name)
    {
        Libbpf.ProgInfo info = default;
        var length = (uint)sizeof(Libbpf.ProgInfo);
        BpfException.Check(Libbpf.ObjGetInfoByFd(fd.Value, &info, ref length), "get info of", name);
        return info.Id;
    }
}

/// <summary>Outcome of <see cref="BpfProgram.TestRun"/>: the tc verdict (0 TC_ACT_OK, 2 TC_ACT_SHOT) and mean ns per run.</summary>
public readonly record struct TestRunResult(uint ReturnValue, uint DurationNs);
