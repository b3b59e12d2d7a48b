using Cilium.Contracts.Agent;

namespace Cilium.Dbg.Client;

/// <summary>Finds the agent's socket: <c>-H/--host</c>, else <c>CILIUM_SOCK</c>, else Cilium's default path.</summary>
public static class AgentSocket
{
    private const string UnixScheme = "unix://";

    /// <summary>Accepts <c>unix:///path</c> (Cilium's form) or a bare path.</summary>
    public static string Resolve(string? host, string? environment)
    {
        var value = !string.IsNullOrWhiteSpace(host) ? host : !string.IsNullOrWhiteSpace(environment) ? environment : AgentPaths.DefaultSocketPath;
        if (value.StartsWith(UnixScheme, StringComparison.Ordinal))
        {
            value = value[UnixScheme.Length..];
        }
        else if (value.Contains("://", StringComparison.Ordinal))
        {
            throw new UsageException($"unsupported host \"{value}\": the agent API is served on a unix socket (unix:///path or a path)");
        }
        if (value.Length == 0 || value[0] != '/')
        {
            throw new UsageException($"invalid host \"{value}\": expected an absolute socket path");
        }
        return value;
    }
}
