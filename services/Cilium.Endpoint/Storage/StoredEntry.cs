namespace Cilium.Endpoint.Storage;

/// <summary>
/// The latest state of one key. <see cref="Revision"/> is that of the last write, a deletion included (0 when
/// the key was never written): it is what a compare-and-swap on the key must name, so a writer that saw the key
/// absent still loses to anyone who created and deleted it in between.
/// </summary>
public readonly record struct StoredEntry(ulong Revision, byte[]? Value)
{
    public bool Exists => Value is not null;
}
