namespace Cilium.Core.Policy.Engine;

/// <summary>A local endpoint in the engine: the rules selecting it, its enforcement and its policy map state.</summary>
internal sealed class EndpointState(LocalEndpoint endpoint)
{
    public LocalEndpoint Endpoint { get; } = endpoint;
    public ushort Id => Endpoint.Id;
    public HashSet<CompiledRule> Rules { get; } = [];
    public bool IngressEnforced { get; set; }
    public bool EgressEnforced { get; set; }
    public PolicyMapState Map { get; set; } = new();

    public override string ToString() => $"endpoint {Id} (identity {Endpoint.Identity})";
}
