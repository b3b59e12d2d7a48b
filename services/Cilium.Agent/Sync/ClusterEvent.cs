using System.Text.Json;

namespace Cilium.Agent.Sync;

/// <summary>One event read from <c>CILIUM_EVENTS</c>: the subject says what it is about, the envelope what happened.</summary>
public sealed record ClusterEvent(string Subject, string Kind, string Op, string Key, ulong Revision, JsonElement? Data)
{
    public bool IsDelete => Op == Contracts.Events.EventOps.Delete;
}
