namespace Cilium.Cni.Spec;

/// <summary>
/// <c>CNI_ARGS</c>: <c>KEY=VALUE</c> pairs separated by semicolons. A value may itself contain <c>=</c> and commas
/// (<c>CILIUM_LABELS=app=echo,tier=web</c>), so each pair splits at its first <c>=</c> only.
/// </summary>
public sealed class CniArgs
{
    public const string PodNamespace = "K8S_POD_NAMESPACE";
    public const string PodName = "K8S_POD_NAME";
    public const string PodUid = "K8S_POD_UID";

    /// <summary>Our labels argument: comma-separated <c>key=value</c> (or <c>source:key=value</c>) labels of the pod.</summary>
    public const string Labels = "CILIUM_LABELS";

    private readonly Dictionary<string, string> _values;

    private CniArgs(Dictionary<string, string> values) => _values = values;

    public static CniArgs Empty { get; } = new([]);

    public string? this[string key] => _values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;

    public static CniArgs Parse(string? text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new CniArgs(values);
        }
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CniException(CniErrorCode.InvalidEnvironment, $"CNI_ARGS: \"{pair}\" is not KEY=VALUE (pairs are separated by ';')");
            }
            values[pair[..eq]] = pair[(eq + 1)..];
        }
        return new CniArgs(values);
    }
}
