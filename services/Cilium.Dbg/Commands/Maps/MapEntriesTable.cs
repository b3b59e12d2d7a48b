using Cilium.Contracts.Agent;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands.Maps;

/// <summary>The <c>Key  Value  State  Error</c> table of one map's entries (<c>map get</c>, <c>map list --verbose</c>).</summary>
public static class MapEntriesTable
{
    public static async Task WriteAsync(TextWriter output, BPFMap map)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(map);
        if (map.Cache is not { Count: > 0 } entries)
        {
            await output.WriteLineAsync("Cache is empty");
            return;
        }
        var rows = entries.Select(e => (IReadOnlyList<string>)[e.Key, e.Value, e.DesiredAction ?? "", e.LastError ?? ""]);
        await Table.WriteAsync(output, ["Key", "Value", "State", "Error"], rows);
    }
}
