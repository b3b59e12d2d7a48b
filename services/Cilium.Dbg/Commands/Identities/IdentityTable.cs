using System.Globalization;
using Cilium.Contracts.Identities;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands.Identities;

/// <summary>The <c>ID  LABELS</c> table of <c>identity list</c> and <c>identity get</c>, one label per line.</summary>
public static class IdentityTable
{
    public static Task WriteAsync(TextWriter output, IEnumerable<Identity> identities) =>
        Table.WriteAsync(output, ["ID", "LABELS"], identities.OrderBy(i => i.Id).Select(i => (IReadOnlyList<string>)
        [
            i.Id.ToString(CultureInfo.InvariantCulture),
            ModelText.Labels(i.Labels),
        ]));
}
