namespace Cilium.Cni.Network;

/// <summary>
/// Turns on forwarding in the plugin's namespace (the node): pods reach each other and the rest of the cluster
/// through the node's routing table. /proc/sys/net answers for the namespace of the process reading it.
/// </summary>
public static class Forwarding
{
    public static void Enable(bool ipv4, bool ipv6)
    {
        if (ipv4)
        {
            Ensure("/proc/sys/net/ipv4/ip_forward");
        }
        if (ipv6)
        {
            Ensure("/proc/sys/net/ipv6/conf/all/forwarding");
        }
    }

    private static void Ensure(string path)
    {
        if (File.ReadAllText(path).Trim() != "1")
        {
            File.WriteAllText(path, "1");
        }
    }
}
