using System.CommandLine;
using Cilium.Contracts.Agent;

namespace Cilium.Dbg.Commands.Endpoints;

/// <summary><c>cilium-dbg endpoint</c>: list, get, health, log.</summary>
public static class EndpointCommand
{
    public static Command Create(DbgContext context) => new("endpoint", "Manage endpoints")
    {
        EndpointListCommand.Create(context),
        EndpointGetCommand.Create(context),
        EndpointHealthCommand.Create(context),
        EndpointLogCommand.Create(context),
    };

    /// <summary>The <c>&lt;id&gt;</c> argument; checked before any call so a typo gets the list of valid forms.</summary>
    public static Argument<string> IdArgument() =>
        new("id") { Description = "Endpoint id: <n>, cilium-local:<n>, cni-attachment-id:<id>[:<ifname>], cep-name:<ns>/<name>, ipv4:<ip>, ipv6:<ip>, container-id:<id>, pod-name:<ns>/<pod>" };

    /// <summary>The canonical text of an id, or a <see cref="UsageException"/> that says what forms are valid.</summary>
    public static string ParseId(string text)
    {
        if (!EndpointIdSpec.TryParse(text, out var spec, out var error))
        {
            throw new UsageException(error);
        }
        return spec.ToString();
    }
}
