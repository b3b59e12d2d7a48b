namespace Cilium.Dbg;

/// <summary>A bad argument found after parsing (an endpoint id of the wrong form, a missing choice): one line on stderr, exit 1.</summary>
public sealed class UsageException(string message) : Exception(message);
