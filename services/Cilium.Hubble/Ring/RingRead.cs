namespace Cilium.Hubble.Ring;

public enum RingRead
{
    Ok,
    NotYet,
    Lost,
}
