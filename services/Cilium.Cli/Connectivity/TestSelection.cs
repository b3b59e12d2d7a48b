using System.Text.RegularExpressions;

namespace Cilium.Cli.Connectivity;

/// <summary>
/// <c>--test</c> as cilium-cli reads it: each value a regular expression over test names; a leading <c>!</c> excludes.
/// With no positive expression every test is selected.
/// </summary>
public sealed record TestSelection(IReadOnlyList<string> Expressions)
{
    public bool Includes(string name)
    {
        var include = Expressions.Where(e => !e.StartsWith('!')).ToList();
        var exclude = Expressions.Where(e => e.StartsWith('!')).Select(e => e[1..]).ToList();
        if (exclude.Any(e => Regex.IsMatch(name, e)))
        {
            return false;
        }
        return include.Count == 0 || include.Any(e => Regex.IsMatch(name, e));
    }
}
