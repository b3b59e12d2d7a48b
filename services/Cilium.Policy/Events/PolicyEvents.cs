using Cilium.Contracts;
using Cilium.Policy.Storage;
using Cilium.ServiceDefaults.Events;

namespace Cilium.Policy.Events;

/// <summary>
/// Committed policies (<c>p.</c> keys) go out as <c>cilium.v1.policy.&lt;Kind&gt;.&lt;namespace|_&gt;.&lt;name&gt;</c> with key
/// <c>Kind/namespace/name</c> (<c>Kind/name</c> when clusterwide) and the stored <see cref="Models.PolicyRecord"/> as data.
/// The <c>revision</c> key is internal and never published.
/// </summary>
public static class PolicyEvents
{
    public static KvEventSource Source(string bucket) => new(
        bucket,
        PolicyKeys.PolicyPrefix,
        Subjects.PolicyKind,
        key =>
        {
            var id = PolicyKeys.Parse(key);
            var kind = id.Kind.ToString();
            return (Subjects.Policy(kind, id.Namespace, id.Name), id.Namespace is null ? $"{kind}/{id.Name}" : $"{kind}/{id.Namespace}/{id.Name}");
        });
}
