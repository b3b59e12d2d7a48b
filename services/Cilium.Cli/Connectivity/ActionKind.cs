namespace Cilium.Cli.Connectivity;

public enum ActionKind
{
    /// <summary>HTTP GET to the echo port (Cilium's curl actions).</summary>
    Http,

    /// <summary>One ICMP echo request.</summary>
    Ping,
}
