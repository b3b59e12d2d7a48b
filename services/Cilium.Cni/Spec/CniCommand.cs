namespace Cilium.Cni.Spec;

/// <summary>The verbs of <c>CNI_COMMAND</c> this plugin implements.</summary>
public enum CniCommand
{
    Add,
    Del,
    Check,
    Version,
}
