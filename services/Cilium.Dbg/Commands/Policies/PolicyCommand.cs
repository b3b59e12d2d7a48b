using System.CommandLine;

namespace Cilium.Dbg.Commands.Policies;

/// <summary><c>cilium-dbg policy</c>: get, selectors.</summary>
public static class PolicyCommand
{
    public static Command Create(DbgContext context) => new("policy", "Manage security policies")
    {
        PolicyGetCommand.Create(context),
        PolicySelectorsCommand.Create(context),
    };
}
