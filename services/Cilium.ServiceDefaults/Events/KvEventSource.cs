namespace Cilium.ServiceDefaults.Events;

/// <summary>
/// Which keys of a service's key-value bucket are committed objects, and how each becomes an event:
/// <paramref name="Route"/> maps a bucket key (without <paramref name="KeyPrefix"/>) to the event subject and
/// the key the envelope carries.
/// </summary>
public sealed record KvEventSource(
    string Bucket,
    string KeyPrefix,
    string Kind,
    Func<string, (string Subject, string EventKey)> Route)
{
    /// <summary>
    /// The durable consumer that remembers how far this source's events went out; shared by all replicas. A bucket
    /// with several sources (one per key prefix) must give each its own name, or they would overwrite one consumer.
    /// </summary>
    public string ConsumerName { get; init; } = $"cilium-events-{Bucket}";
    public string StreamName => $"KV_{Bucket}";
    public string FilterSubject => $"$KV.{Bucket}.{KeyPrefix}>";
}
