namespace Cilium.Testing;

/// <summary>Where the repository and the build outputs of its executables are, seen from a test assembly.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: whatever the running test assembly was built as.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.OrdinalIgnoreCase) ? "Release" : "Debug";

    /// <summary>The built <c>.dll</c> of an executable project, e.g. <c>("services/Cilium.Identity", "cilium-identity")</c>.</summary>
    public static string Executable(string projectDir, string assemblyName)
    {
        // Built with --artifacts-path: <artifacts>/bin/<TestProject>/<config>/ sits beside <artifacts>/bin/<Project>/<config>/.
        // Looked at first: such an output may live outside the repository, where Root cannot be found.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var artifactsBin = testOutput.Parent?.Parent;
        if (artifactsBin is not null)
        {
            var candidate = Path.Combine(artifactsBin.FullName, Path.GetFileName(projectDir), testOutput.Name, assemblyName + ".dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        var path = Path.Combine(Root, projectDir, "bin", Configuration, "net10.0", assemblyName + ".dll");
        if (File.Exists(path))
        {
            return path;
        }
        throw new FileNotFoundException($"{assemblyName} is not built ({path}); build the solution (scripts/test.sh does) first", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cilium.Services.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Cilium.Services.sln above {AppContext.BaseDirectory}");
    }
}
