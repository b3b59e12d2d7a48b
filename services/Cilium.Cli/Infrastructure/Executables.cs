namespace Cilium.Cli.Infrastructure;

/// <summary>
/// Finds the project's other executables (cilium-agent, cilium-cni, ...) next to this one. Looked up in order:
/// <c>$CILIUM_BIN_DIR</c>; the directory of <c>cilium</c> itself (artifacts/bin, where scripts/build.sh publishes
/// everything side by side); an <c>--artifacts-path</c> build (<c>&lt;a&gt;/bin/&lt;Project&gt;/&lt;config&gt;/</c>); the
/// repository's per-project <c>bin/&lt;Config&gt;/net10.0/</c>.
/// </summary>
public sealed record Executables(string? BinDir, string SelfDir)
{
    public const string BinDirVariable = "CILIUM_BIN_DIR";

    private static readonly Dictionary<string, string> Projects = new(StringComparer.Ordinal)
    {
        ["cilium"] = "Cilium.Cli",
        ["cilium-agent"] = "Cilium.Agent",
        ["cilium-identity"] = "Cilium.Identity",
        ["cilium-endpoint"] = "Cilium.Endpoint",
        ["cilium-policy"] = "Cilium.Policy",
        ["cilium-cni"] = "Cilium.Cni",
        ["cilium-dbg"] = "Cilium.Dbg",
        ["cilium-operator"] = "Cilium.Operator",
        ["cilium-clustermesh"] = "Cilium.ClusterMesh",
        ["hubble-relay"] = "Cilium.Hubble.Relay",
        ["hubble"] = "Cilium.Hubble.Cli",
    };

    public static Executables FromEnvironment() =>
        new(Environment.GetEnvironmentVariable(BinDirVariable) is { Length: > 0 } d ? d : null, AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    /// <summary>The <c>.dll</c> of <paramref name="name"/>, or null when it is not built.</summary>
    public string? FindDll(string name) => Candidates(name).FirstOrDefault(File.Exists);

    public string RequireDll(string name) =>
        FindDll(name) ?? throw new FileNotFoundException(
            $"{name} is not built; looked in: {string.Join(", ", Candidates(name).Select(Path.GetDirectoryName).Distinct())}. Run scripts/build.sh or set {BinDirVariable}.");

    /// <summary>The command line that runs <paramref name="name"/>: <c>dotnet &lt;dll&gt;</c> (no apphost or DOTNET_ROOT needed).</summary>
    public IReadOnlyList<string> Command(string name) => ["dotnet", RequireDll(name)];

    /// <summary>
    /// The command line a container runtime would use: the executable named <paramref name="name"/> in the directory
    /// of its <c>.dll</c> (CNI_PATH), which scripts/build.sh publishes as a Native AOT binary for cilium-cni; the
    /// <c>dotnet &lt;dll&gt;</c> form when there is none.
    /// </summary>
    public IReadOnlyList<string> PluginCommand(string name)
    {
        var native = Path.Combine(DirectoryOf(name), name);
        return File.Exists(native) ? [native] : Command(name);
    }

    /// <summary>The directory of the executables (CNI_PATH for the plugin).</summary>
    public string DirectoryOf(string name) => Path.GetDirectoryName(RequireDll(name))!;

    private IEnumerable<string> Candidates(string name)
    {
        var dll = name + ".dll";
        if (BinDir is not null)
        {
            yield return Path.Combine(BinDir, dll);
        }
        yield return Path.Combine(SelfDir, dll);
        if (!Projects.TryGetValue(name, out var project))
        {
            yield break;
        }
        var self = new DirectoryInfo(SelfDir);
        // --artifacts-path layout: <a>/bin/Cilium.Cli/release/ -> <a>/bin/<Project>/release/
        if (self.Parent?.Parent is { } artifactsBin)
        {
            yield return Path.Combine(artifactsBin.FullName, project, self.Name, dll);
        }
        // Repository layout: services/Cilium.Cli/bin/Release/net10.0/ -> services/<Project>/bin/Release/net10.0/
        if (self.Parent?.Parent?.Parent?.Parent is { } services)
        {
            yield return Path.Combine(services.FullName, project, "bin", self.Parent!.Name, self.Name, dll);
        }
    }
}
