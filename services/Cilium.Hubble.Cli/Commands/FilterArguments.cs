using Cilium.Hubble.Query;

namespace Cilium.Hubble.Cli.Commands;

/// <summary>
/// Reads the filter flags of <c>hubble observe</c> in the order given, because <c>--not</c> negates only the
/// flag right after it; the parser has already checked syntax, this pass only collects (flag, value, negated).
/// </summary>
public static class FilterArguments
{
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.Ordinal)
    {
        ["-n"] = "namespace",
        ["-l"] = "label",
        ["-t"] = "type",
    };

    public static FlowFilterBuilder Collect(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = new FlowFilterBuilder();
        var negate = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--not")
            {
                negate = true;
                continue;
            }
            string? inline = null;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 && arg.StartsWith("--", StringComparison.Ordinal) ? arg[..eq] : arg;
            if (eq > 0 && name != arg)
            {
                inline = arg[(eq + 1)..];
            }
            var flag = ShortNames.TryGetValue(name, out var s) ? s
                : name.StartsWith("--", StringComparison.Ordinal) ? name[2..] : null;
            if (flag is null || !FlowFilterBuilder.Flags.Contains(flag))
            {
                if (negate && name.StartsWith('-'))
                {
                    throw new FormatException($"--not must be followed by a filter flag, not {name}");
                }
                continue;
            }
            var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value"));
            builder.Add(flag, value, negate);
            negate = false;
        }
        if (negate)
        {
            throw new FormatException("--not must be followed by a filter flag");
        }
        return builder;
    }

    /// <summary>The arguments without <c>--not</c>, for the parser (which cannot tell one <c>--not</c> from the next).</summary>
    public static string[] WithoutNot(IEnumerable<string> args) => args.Where(a => a != "--not").ToArray();
}
