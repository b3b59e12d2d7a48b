using System.CommandLine;

namespace Cilium.Dbg.Commands.Maps;

/// <summary><c>cilium-dbg map</c>: list, get.</summary>
public static class MapCommand
{
    public static Command Create(DbgContext context) => new("map", "Access userspace cached content of BPF maps")
    {
        MapListCommand.Create(context),
        MapGetCommand.Create(context),
    };
}
