namespace Cilium.Core.Policy.Rules;

/// <summary>
/// One L4 match of a rule: a protocol (0 = any, only with every port) and an inclusive port range, or a named port
/// resolved per endpoint. ICMP types are ranges too: type T is <c>[T&lt;&lt;8, T&lt;&lt;8 | 0xFF]</c>, i.e. the type in
/// the high byte of the port field and any code (reference 3.5).
/// </summary>
public readonly record struct PortSpec(byte Protocol, ushort FromPort, ushort ToPort, string? Name = null)
{
    public static PortSpec AllPorts(byte protocol) => new(protocol, 0, ushort.MaxValue);
    public static PortSpec Named(byte protocol, string name) => new(protocol, 0, 0, name);
    public static PortSpec Icmp(byte protocol, byte type) => new(protocol, (ushort)(type << 8), (ushort)((type << 8) | 0xFF));

    public bool IsNamed => Name is not null;

    public override string ToString()
    {
        var proto = Protocols.Name(Protocol);
        if (Name is not null)
        {
            return $"{Name}/{proto}";
        }
        if (Protocols.IsIcmp(Protocol))
        {
            return $"{proto} type {FromPort >> 8}";
        }
        if (FromPort == 0 && ToPort == ushort.MaxValue)
        {
            return $"*/{proto}";
        }
        return FromPort == ToPort ? $"{FromPort}/{proto}" : $"{FromPort}-{ToPort}/{proto}";
    }
}
