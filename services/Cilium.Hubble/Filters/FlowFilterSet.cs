using Cilium.Hubble.Contracts.Flow;

namespace Cilium.Hubble.Filters;

/// <summary>
/// The whitelist and blacklist of a GetFlows request: a flow passes when any whitelist filter matches (or there is
/// none) and no blacklist filter matches.
/// </summary>
public sealed class FlowFilterSet
{
    private readonly Func<Flow, bool>[] _whitelist;
    private readonly Func<Flow, bool>[] _blacklist;

    public FlowFilterSet(IEnumerable<FlowFilter> whitelist, IEnumerable<FlowFilter> blacklist)
    {
        _whitelist = whitelist.Select(FlowFilterCompiler.Compile).ToArray();
        _blacklist = blacklist.Select(FlowFilterCompiler.Compile).ToArray();
    }

    public static FlowFilterSet All { get; } = new([], []);

    public bool Matches(Flow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (_whitelist.Length > 0 && !_whitelist.Any(m => m(flow)))
        {
            return false;
        }
        return !_blacklist.Any(m => m(flow));
    }
}
