namespace Cilium.Testing;

/// <summary>Where the repository and the build outputs of its executables are, seen from a test assembly.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: whatever the running test assembly was built as.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.OrdinalIgnoreCase) ? "Release" : "Debug";

    /// <summary>
    /// The <c>.dll</c> of an executable project, e.g. <c>("services/Cilium.Identity", "cilium-identity")</c>: from
    /// <c>$CILIUM_BIN_DIR</c> when set (a benchmark comparing builds); else the copy scripts/build.sh published into
    /// artifacts/bin, precompiled as it ships (the daemons run without tiered compilation, so a plain build starts them
    /// slower), unless a later plain build is newer, so an edit is never tested against a stale copy; else the build output.
    /// </summary>
    public static string Executable(string projectDir, string assemblyName)
    {
        if (Environment.GetEnvironmentVariable("CILIUM_BIN_DIR") is { Length: > 0 } binDir && File.Exists(Path.Combine(binDir, assemblyName + ".dll")))
        {
            return Path.Combine(binDir, assemblyName + ".dll");
        }
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
        var built = Path.Combine(Root, projectDir, "bin", Configuration, "net10.0", assemblyName + ".dll");
        var published = Path.Combine(Root, "artifacts", "bin", assemblyName + ".dll");
        if (File.Exists(published) && (!File.Exists(built) || File.GetLastWriteTimeUtc(published) >= File.GetLastWriteTimeUtc(built)))
        {
            return published;
        }
        if (File.Exists(built))
        {
            return built;
        }
        throw new FileNotFoundException($"{assemblyName} is not built ({built}); build the solution (scripts/test.sh does) first", built);
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
