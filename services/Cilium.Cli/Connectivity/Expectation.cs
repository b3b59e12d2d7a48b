namespace Cilium.Cli.Connectivity;

/// <summary>What an action must observe: the packets get through, or policy drops them (a timeout, never a refusal).</summary>
public enum Expectation
{
    Success,
    Drop,
}
