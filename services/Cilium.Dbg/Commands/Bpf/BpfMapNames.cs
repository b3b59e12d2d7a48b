namespace Cilium.Dbg.Commands.Bpf;

/// <summary>Names of the datapath maps the bpf commands read (Cilium's names, reference section 4).</summary>
public static class BpfMapNames
{
    public const string IpCache = "cilium_ipcache_v2";
    public const string Lxc = "cilium_lxc";
    public const string Ct4Global = "cilium_ct4_global";
    public const string CtAny4Global = "cilium_ct_any4_global";
    public const string Ct6Global = "cilium_ct6_global";
    public const string CtAny6Global = "cilium_ct_any6_global";
    public const string Metrics = "cilium_metrics";
}
