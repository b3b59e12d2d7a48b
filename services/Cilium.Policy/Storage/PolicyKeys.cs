using Cilium.Core.Policy.Rules;

namespace Cilium.Policy.Storage;

/// <summary>
/// Keys of the policy bucket: <c>revision</c>, and <c>p.&lt;Kind&gt;.&lt;namespace|_&gt;.&lt;name&gt;</c> per policy. Kind names,
/// namespaces (DNS labels) and names (DNS subdomains) only hold characters a key allows; a name may hold dots, so it
/// is always the last part and parsing splits off kind and namespace only.
/// </summary>
public static class PolicyKeys
{
    public const string RevisionKey = "revision";
    public const string PolicyPrefix = "p.";
    public const string NoNamespace = "_";

    public static string For(PolicyResourceId id) => $"{PolicyPrefix}{id.Kind}.{id.Namespace ?? NoNamespace}.{id.Name}";

    /// <summary>Parses a key without <see cref="PolicyPrefix"/>.</summary>
    public static PolicyResourceId Parse(string keyWithoutPrefix)
    {
        var parts = keyWithoutPrefix.Split('.', 3);
        if (parts.Length != 3 || !Enum.TryParse<PolicyKind>(parts[0], ignoreCase: false, out var kind))
        {
            throw new FormatException($"'{keyWithoutPrefix}' is not a policy key");
        }
        return new PolicyResourceId(kind, parts[1] == NoNamespace ? null : parts[1], parts[2]);
    }
}
