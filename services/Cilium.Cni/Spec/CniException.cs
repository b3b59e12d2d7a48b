namespace Cilium.Cni.Spec;

/// <summary>A failure the plugin reports to the runtime as the spec's error JSON; the message is meant for a person.</summary>
public sealed class CniException(CniErrorCode code, string message, string? details = null, Exception? inner = null)
    : Exception(message, inner)
{
    public CniErrorCode Code { get; } = code;

    public string? Details { get; } = details;
}
