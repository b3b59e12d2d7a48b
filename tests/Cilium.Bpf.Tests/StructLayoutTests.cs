using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Cilium.Bpf.Maps;
using Xunit;

namespace Cilium.Bpf.Tests;

/// <summary>Every C# mirror against the struct the compiler laid out (the BTF of the built objects).</summary>
public sealed class StructLayoutTests
{
    public static TheoryData<string, string, Type> Mirrors => new()
    {
        { "bpf_lxc.o", "ipcache_key", typeof(IpCacheKey) },
        { "bpf_lxc.o", "ipcache_value", typeof(IpCacheValue) },
        { "bpf_globals.o", "policy_key", typeof(PolicyKey) },
        { "bpf_globals.o", "policy_entry", typeof(PolicyEntry) },
        { "bpf_lxc.o", "ct4_key", typeof(Ct4Key) },
        { "bpf_lxc.o", "ct6_key", typeof(Ct6Key) },
        { "bpf_lxc.o", "ct_entry", typeof(CtEntry) },
        { "bpf_lxc.o", "metrics_key", typeof(MetricsKey) },
        { "bpf_lxc.o", "metrics_value", typeof(MetricsValue) },
        { "bpf_lxc.o", "datapath_config", typeof(DatapathConfig) },
        { "bpf_lxc.o", "endpoint_state", typeof(EndpointState) },
        { "bpf_globals.o", "flow_event", typeof(FlowEvent) },
    };

    [Theory]
    [MemberData(nameof(Mirrors))]
    public void Mirror_ComparedWithBtf_HasSameSizeFieldsAndOffsets(string objectFile, string cStruct, Type mirror)
    {
        using var btf = Btf.FromFile(Path.Combine(AppContext.BaseDirectory, "bpf", objectFile));
        var layout = btf.Struct(cStruct);

        var size = (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(mirror).Invoke(null, null)!;
        Assert.Equal(layout.Size, size);
        var fields = mirror.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        var expected = layout.MemberOffsets.Select(m => $"{Normalize(m.Key)}@{m.Value}").ToList();
        var actual = fields.Select(f => $"{Normalize(f.Name)}@{Marshal.OffsetOf(mirror, f.Name)}").ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Rodata_LxcObject_HasNoPerEndpointConstants()
    {
        // One load serves every endpoint of a node, so nothing endpoint-specific may be compiled in: a .rodata section
        // here would mean a constant the loader cannot set per endpoint.
        using var btf = Btf.FromFile(Path.Combine(AppContext.BaseDirectory, "bpf", "bpf_lxc.o"));

        Assert.Throws<BpfException>(() => btf.SectionVariables(".rodata"));
    }

    private static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
}
