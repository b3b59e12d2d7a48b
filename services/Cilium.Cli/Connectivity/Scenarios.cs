namespace Cilium.Cli.Connectivity;

/// <summary>
/// Cilium's scenarios that need no internet, service load-balancing or L7 proxy, each a set of actions whose
/// expectation a test decides per (source, destination).
/// </summary>
public static class Scenarios
{
    public delegate Expectation Expect(Peer source, Peer destination);

    public static readonly Expect AllSucceed = (_, _) => Expectation.Success;
    public static readonly Expect AllDrop = (_, _) => Expectation.Drop;

    /// <summary>pod-to-pod: every client to every echo pod, HTTP on 8080.</summary>
    public static IEnumerable<ConnectivityAction> PodToPod(TestPods pods, Expect expect) =>
        pods.Clients.SelectMany(c => pods.Echoes.Select(e => (c, e)))
            .Select((p, i) => new ConnectivityAction("pod-to-pod", $"curl-ipv4-{i}", ActionKind.Http, p.c, p.e, 8080, expect(p.c, p.e)));

    /// <summary>client-to-client: each client pings the other.</summary>
    public static IEnumerable<ConnectivityAction> ClientToClient(TestPods pods, Expect expect) =>
        new[] { (pods.Client, pods.Client2), (pods.Client2, pods.Client) }
            .Select((p, i) => new ConnectivityAction("client-to-client", $"ping-ipv4-{i}", ActionKind.Ping, p.Item1, p.Item2, 0, expect(p.Item1, p.Item2)));

    /// <summary>pod-to-host: the client pings every node's address.</summary>
    public static IEnumerable<ConnectivityAction> PodToHost(TestPods pods, Expect expect) =>
        pods.Nodes.Select((n, i) => new ConnectivityAction("pod-to-host", $"ping-ipv4-{i}", ActionKind.Ping, pods.Client, n, 0, expect(pods.Client, n)));

    /// <summary>host-to-pod: every node requests each echo pod from its host namespace.</summary>
    public static IEnumerable<ConnectivityAction> HostToPod(TestPods pods, Expect expect) =>
        pods.Nodes.SelectMany(n => pods.Echoes.Select(e => (n, e)))
            .Select((p, i) => new ConnectivityAction("host-to-pod", $"curl-ipv4-{i}", ActionKind.Http, p.n, p.e, 8080, expect(p.n, p.e)));
}
