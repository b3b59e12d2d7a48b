namespace Cilium.Cni.Spec;

/// <summary>
/// Error codes of the CNI specification (SPEC.md, "Error"): 1-99 are the spec's, 100 and up belong to the plugin.
/// </summary>
public enum CniErrorCode
{
    IncompatibleVersion = 1,
    UnsupportedField = 2,
    UnknownContainer = 3,
    InvalidEnvironment = 4,
    IoFailure = 5,
    DecodingFailure = 6,
    InvalidNetworkConfig = 7,
    TryAgainLater = 11,

    /// <summary>The agent answered, but refused or failed the request (its problem detail is the message).</summary>
    AgentRequestFailed = 100,

    /// <summary>The agent's IPAM could not give the pod an address.</summary>
    IpamFailed = 101,

    /// <summary>Creating or configuring the veth pair, addresses or routes failed.</summary>
    InterfaceSetupFailed = 102,

    /// <summary>The agent could not create the endpoint, or it did not become ready.</summary>
    EndpointFailed = 103,

    /// <summary>CHECK found the attachment differs from what ADD made.</summary>
    CheckFailed = 104,

    /// <summary>Anything else: a bug or an unexpected state of the node; the message says what happened.</summary>
    Internal = 199,
}
