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
    /// <summary>The durable consumer that remembers how far this bucket's events went out; shared by all replicas.</summary>
    public string ConsumerName => $"cilium-events-{Bucket}";
    public string StreamName => $"KV_{Bucket}";
    public string FilterSubject => $"$KV.{Bucket}.{KeyPrefix}>";
}
