using Grpc.Core;

namespace Cilium.Hubble.Cli;

/// <summary>Turns a failed call into the one line the user needs: which server, what went wrong, what to try.</summary>
public static class ServerError
{
    public static string Describe(string server, RpcException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.StatusCode switch
        {
            StatusCode.Unavailable or StatusCode.DeadlineExceeded =>
                $"failed to connect to '{server}': {e.Status.Detail}; is hubble-relay running? (use --server to point at a relay or a node's observer, e.g. localhost:4244)",
            StatusCode.InvalidArgument => $"invalid request: {e.Status.Detail}",
            _ => $"request to '{server}' failed: {e.StatusCode}: {e.Status.Detail}",
        };
    }
}
