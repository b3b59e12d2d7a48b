namespace Cilium.Contracts.Events;

/// <summary>The operation an event reports on its key.</summary>
public static class EventOps
{
    public const string Upsert = "upsert";
    public const string Delete = "delete";
}
