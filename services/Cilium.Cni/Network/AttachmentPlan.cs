namespace Cilium.Cni.Network;

/// <summary>Everything ADD puts on the wire for one pod interface; built before any change is made.</summary>
/// <param name="HostIfName">The host-side veth in the plugin's (the node's) namespace.</param>
/// <param name="IfName">The container-side veth, <c>CNI_IFNAME</c> inside <paramref name="NetnsPath"/>.</param>
public sealed record AttachmentPlan(
    string NetnsPath,
    string HostIfName,
    string HostMac,
    string IfName,
    string PodMac,
    string? Ipv4,
    string? Gateway4,
    string? Ipv6,
    string? Gateway6,
    int? Mtu);
