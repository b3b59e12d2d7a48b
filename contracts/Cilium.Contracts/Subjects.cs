namespace Cilium.Contracts;

/// <summary>
/// Every NATS subject of the public, versioned event contract (see contracts/README.md).
/// A subject is <c>cilium.v1.&lt;kind&gt;.&lt;key tokens&gt;</c>; key parts pass through <see cref="SubjectKey.Encode"/>.
/// </summary>
public static class Subjects
{
    public const string Prefix = "cilium.v1";

    /// <summary>The JetStream stream that holds every event, with file storage.</summary>
    public const string EventsStream = "CILIUM_EVENTS";

    /// <summary>Wildcard that the events stream captures.</summary>
    public const string All = "cilium.v1.>";

    public const string IdentityKind = "identity";
    public const string EndpointKind = "endpoint";
    public const string NodeKind = "node";
    public const string PolicyKind = "policy";

    public const string AllIdentities = "cilium.v1.identity.>";
    public const string AllEndpoints = "cilium.v1.endpoint.>";
    public const string AllNodes = "cilium.v1.node.>";
    public const string AllPolicies = "cilium.v1.policy.>";

    /// <summary><c>cilium.v1.identity.&lt;id&gt;</c></summary>
    public static string Identity(long id) => $"{Prefix}.{IdentityKind}.{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary><c>cilium.v1.endpoint.&lt;namespace&gt;.&lt;name&gt;</c></summary>
    public static string Endpoint(string k8sNamespace, string name) =>
        $"{Prefix}.{EndpointKind}.{SubjectKey.Encode(k8sNamespace)}.{SubjectKey.Encode(name)}";

    /// <summary><c>cilium.v1.node.&lt;name&gt;</c></summary>
    public static string Node(string name) => $"{Prefix}.{NodeKind}.{SubjectKey.Encode(name)}";

    /// <summary><c>cilium.v1.policy.&lt;kind&gt;.&lt;namespace&gt;.&lt;name&gt;</c>; cluster-wide kinds use <c>_</c> for the namespace.</summary>
    public static string Policy(string policyKind, string? k8sNamespace, string name) =>
        $"{Prefix}.{PolicyKind}.{SubjectKey.Encode(policyKind)}.{(string.IsNullOrEmpty(k8sNamespace) ? SubjectKey.NoNamespace : SubjectKey.Encode(k8sNamespace))}.{SubjectKey.Encode(name)}";
}
