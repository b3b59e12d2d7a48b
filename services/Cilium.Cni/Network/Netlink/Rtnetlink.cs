namespace Cilium.Cni.Network.Netlink;

// Constants of linux/netlink.h, linux/rtnetlink.h, linux/if_link.h, linux/veth.h, linux/if_addr.h and
// linux/neighbour.h that the plugin uses; the names follow the kernel's.

internal static class Nlm
{
    public const ushort Request = 0x1;
    public const ushort Ack = 0x4;
    public const ushort Replace = 0x100;
    public const ushort Excl = 0x200;
    public const ushort Create = 0x400;
}

internal static class Rtm
{
    public const ushort NewLink = 16;
    public const ushort DelLink = 17;
    public const ushort GetLink = 18;
    public const ushort NewAddr = 20;
    public const ushort NewRoute = 24;
    public const ushort NewNeigh = 28;
}

internal static class Ifla
{
    public const ushort Address = 1;
    public const ushort IfName = 3;
    public const ushort Mtu = 4;
    public const ushort LinkInfo = 18;
    public const ushort NetNsFd = 28;
    public const ushort InfoKind = 1;
    public const ushort InfoData = 2;
    public const ushort VethInfoPeer = 1;
    public const uint FlagUp = 0x1;
}

internal static class Ifa
{
    public const ushort Address = 1;
    public const ushort Local = 2;
    public const ushort Flags = 8;
    public const byte FlagNoDad = 0x02;
}

internal static class Rta
{
    public const ushort Dst = 1;
    public const ushort Oif = 4;
    public const ushort Gateway = 5;
    public const ushort PrefSrc = 7;
    public const byte TableMain = 254;
    public const byte ProtoBoot = 3;
    public const byte ScopeUniverse = 0;
    public const byte ScopeLink = 253;
    public const byte TypeUnicast = 1;
}

internal static class Nda
{
    public const ushort Dst = 1;
    public const ushort LlAddr = 2;
    public const ushort NudPermanent = 0x80;
}

internal static class Errno
{
    public const int NoDevice = 19;
}
