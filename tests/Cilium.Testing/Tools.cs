namespace Cilium.Testing;

/// <summary>Finds the machine tools tests need; a missing tool fails the test with the command that installs it.</summary>
public static class Tools
{
    public static string Require(string name, string debianPackage)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
                     .Concat(["/usr/sbin", "/sbin", "/usr/bin"]))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new InvalidOperationException($"'{name}' is not installed; run scripts/test.sh (or apt-get install -y {debianPackage}) first");
    }
}
