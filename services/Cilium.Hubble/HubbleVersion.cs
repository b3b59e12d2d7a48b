namespace Cilium.Hubble;

/// <summary>The version string reported in ServerStatus and GetNodes; Cilium-like so the hubble CLI's checks accept it.</summary>
public static class HubbleVersion
{
    public const string Current = "1.17.0+cilium-csharp";
}
