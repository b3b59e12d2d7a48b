using System.CommandLine;

namespace Cilium.Dbg.Commands.Identities;

/// <summary><c>cilium-dbg identity</c>: list, get.</summary>
public static class IdentityCommand
{
    public static Command Create(DbgContext context) => new("identity", "Manage security identities")
    {
        IdentityListCommand.Create(context),
        IdentityGetCommand.Create(context),
    };
}
