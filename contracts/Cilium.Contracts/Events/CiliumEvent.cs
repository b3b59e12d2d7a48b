using System.Text.Json;

namespace Cilium.Contracts.Events;

/// <summary>
/// The envelope of every event on <c>cilium.v1.&gt;</c>.
/// <paramref name="Revision"/> is the revision of the committed state in the owning service's key-value
/// bucket: for one key it only grows, so a reader can drop anything older than what it has applied.
/// <paramref name="Data"/> is the object in its REST shape for <c>upsert</c>, null for <c>delete</c>.
/// </summary>
public sealed record CiliumEvent(
    string Kind,
    string Op,
    string Key,
    ulong Revision,
    DateTimeOffset Time,
    JsonElement? Data);

/// <summary>Header names set on every event message.</summary>
public static class EventHeaders
{
    /// <summary>JetStream de-duplication id: <c>&lt;kind&gt;:&lt;key&gt;:&lt;revision&gt;</c>.</summary>
    public const string MsgId = "Nats-Msg-Id";
    public const string Kind = "Cilium-Kind";
    public const string Op = "Cilium-Op";
    public const string Revision = "Cilium-Revision";
}
