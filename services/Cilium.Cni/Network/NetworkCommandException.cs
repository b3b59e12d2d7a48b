namespace Cilium.Cni.Network;

/// <summary>An <c>ip</c> command failed; the message names the commands and carries iproute2's own error text.</summary>
public sealed class NetworkCommandException(string message) : Exception(message);
