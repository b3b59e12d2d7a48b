using System.CommandLine;
using Cilium.Cli.Infrastructure;
using Cilium.Cli.Lab;

namespace Cilium.Cli;

/// <summary>What every command shares: the writers, where executables are, and the <c>--name</c> of the lab it works on.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, Option<string> labName)
{
    public const string LabNameVariable = "CILIUM_LAB_NAME";

    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;
    public Option<string> LabName { get; } = labName;
    public Executables Executables { get; } = Executables.FromEnvironment();

    public LabLayout Layout(ParseResult parse) => LabLayout.For(parse.GetValue(LabName) ?? LabLayout.DefaultName);

    public static Option<string> CreateLabNameOption() => new("--name")
    {
        Description = $"Name of the lab (cluster) to work on (default: ${LabNameVariable} or \"{LabLayout.DefaultName}\")",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(LabNameVariable) is { Length: > 0 } n ? n : LabLayout.DefaultName,
    };

    /// <summary>Runs a command body; expected failures become one "Error:" line and exit code 1.</summary>
    public async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is LabNotFoundException or Lab.LabConflictException or CommandFailedException or InvalidOperationException or ArgumentException
            or FormatException or TimeoutException or FileNotFoundException or HttpRequestException or IOException)
        {
            await Error.WriteLineAsync($"Error: {e.Message}");
            return 1;
        }
    }
}
