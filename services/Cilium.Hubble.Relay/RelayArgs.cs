namespace Cilium.Hubble.Relay;

/// <summary>
/// Cilium-style flags onto configuration keys: <c>--ui</c>, <c>--peer name=addr</c> (repeatable),
/// <c>--peer-service addr</c> (repeatable), <c>--listen-address addr</c>. Anything else passes through.
/// </summary>
public static class RelayArgs
{
    public static string[] Normalize(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = new List<string>();
        int peers = 0, services = 0;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = Split(args[i]);
            string Value() => inline ?? (i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value"));
            switch (name)
            {
                case "--ui":
                    result.Add($"--{RelayOptions.SectionName}:Ui={inline ?? "true"}");
                    break;
                case "--peer":
                    result.Add($"--{RelayOptions.SectionName}:Peers:{peers++}={Value()}");
                    break;
                case "--peer-service":
                    result.Add($"--{RelayOptions.SectionName}:PeerServices:{services++}={Value()}");
                    break;
                case "--listen-address":
                    result.Add($"--{RelayOptions.SectionName}:ListenAddress={Value()}");
                    break;
                default:
                    result.Add(args[i]);
                    break;
            }
        }
        return result.ToArray();
    }

    private static (string Name, string? Inline) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }
}
