namespace Cilium.Core.Policy.Rules;

/// <summary>
/// One parsed and validated manifest: its position in the input, its id, the typed manifest
/// (<see cref="Cilium.Contracts.Policy.CiliumNetworkPolicy"/>, <see cref="Cilium.Contracts.Policy.CiliumClusterwideNetworkPolicy"/>
/// or <see cref="Cilium.Contracts.Policy.NetworkPolicy"/>) and the rules it imports as.
/// </summary>
public sealed record PolicyDocument(int Index, PolicyResourceId Id, object Manifest, IReadOnlyList<Rule> Rules);
