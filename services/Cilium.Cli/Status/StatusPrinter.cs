using System.Text;

namespace Cilium.Cli.Status;

/// <summary>
/// The human form of <see cref="StatusReport"/>, laid out as cilium-cli's status: a five-line summary beside a
/// small logo, the workload rows, the pod count, then errors and warnings by component.
/// </summary>
public static class StatusPrinter
{
    private static readonly string[] Logo =
    [
        "    /‾‾\\",
        " /‾‾\\__/‾‾\\",
        " \\__/‾‾\\__/",
        " /‾‾\\__/‾‾\\",
        " \\__/‾‾\\__/",
        "    \\__/",
    ];

    public static string Format(StatusReport report)
    {
        var text = new StringBuilder();
        var summary = report.Summary.ToList();
        for (var i = 0; i < Math.Max(Logo.Length, summary.Count); i++)
        {
            var logo = i < Logo.Length ? Logo[i] : "";
            var line = i < summary.Count ? $"{summary[i].Key + ":",-20}{summary[i].Value}" : "";
            text.AppendLine($"{logo,-15}{line}".TrimEnd());
        }
        text.AppendLine();
        foreach (var w in report.Workloads)
        {
            var unavailable = w.Desired - w.Ready;
            text.AppendLine($"{w.Kind,-23}{w.Name,-20}Desired: {w.Desired}, Ready: {w.Ready}/{w.Desired}, Available: {w.Ready}/{w.Desired}{(unavailable > 0 ? $", Unavailable: {unavailable}/{w.Desired}" : "")}");
        }
        var first = true;
        foreach (var w in report.Workloads)
        {
            var pending = w.Desired - w.Running;
            text.AppendLine($"{(first ? "Containers:" : ""),-23}{w.Name,-20}Running: {w.Running}{(pending > 0 ? $", Failed: {pending}" : "")}");
            first = false;
        }
        text.AppendLine($"{"Cluster Pods:",-23}{report.PodsManaged}/{report.PodsTotal} managed by Cilium");
        text.AppendLine($"{"Lab:",-23}{report.Lab} (cluster {report.Cluster}), nodes: {string.Join(", ", report.Agents.Select(a => a.Node))}");
        Messages(text, "Errors:", "❌", report.Errors);
        Messages(text, "Warnings:", "⚠️ ", report.Warnings);
        return text.ToString();
    }

    private static void Messages(StringBuilder text, string title, string mark, IReadOnlyList<StatusMessage> messages)
    {
        var first = true;
        foreach (var m in messages)
        {
            text.AppendLine($"{(first ? title : ""),-23}{m.Component,-20}{m.Pod,-32}{mark} {m.Message}");
            first = false;
        }
    }
}
