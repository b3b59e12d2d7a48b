using System.CommandLine;

namespace Cilium.Dbg.Printing;

/// <summary>cilium-dbg's <c>-o/--output</c>; only <c>json</c> is supported here (Cilium also has yaml and jsonpath).</summary>
public static class OutputOption
{
    public const string Json = "json";

    public static Option<string?> Create()
    {
        var option = new Option<string?>("--output", "-o") { Description = "Output format: json" };
        option.AcceptOnlyFromAmong(Json);
        return option;
    }

    public static bool IsJson(this ParseResult parse, Option<string?> option)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(option) == Json;
    }
}
