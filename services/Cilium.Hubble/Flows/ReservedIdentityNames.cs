namespace Cilium.Hubble.Flows;

/// <summary>Reserved identities by number (Cilium <c>pkg/identity/numericidentity.go</c>); index 0 is unused.</summary>
public static class ReservedIdentityNames
{
    internal static readonly string[] Names =
        ["", "host", "world", "unmanaged", "health", "init", "remote-node", "kube-apiserver", "ingress", "world-ipv4", "world-ipv6"];

    /// <summary>The name of a reserved identity, or null for any other number.</summary>
    public static string? NameOf(uint identity) => identity > 0 && identity < Names.Length ? Names[identity] : null;
}
