using Cilium.Contracts.Endpoints;

namespace Cilium.Agent.Endpoints;

/// <summary>
/// A local endpoint as the agent keeps and persists it. Mutated only by the <see cref="AgentReconciler"/> and the
/// <see cref="EndpointManager"/> under its lock; REST answers are built from snapshots.
/// </summary>
public sealed class AgentEndpoint
{
    public required ushort Id { get; init; }
    public string? ContainerId { get; init; }
    public string? ContainerInterfaceName { get; init; }
    public string? ContainerNetnsPath { get; init; }
    public string? InterfaceName { get; init; }
    public int InterfaceIndex { get; set; }
    public string? K8sNamespace { get; init; }
    public string? K8sPodName { get; init; }
    public string? Ipv4 { get; init; }
    public string? Ipv6 { get; init; }
    public string? Mac { get; init; }
    public string? HostMac { get; init; }

    /// <summary>Every label the endpoint was created with (<c>source:key=value</c>).</summary>
    public List<string> Labels { get; set; } = [];

    /// <summary>The security-relevant subset, as the identity service answered it.</summary>
    public List<string> IdentityLabels { get; set; } = [];

    public List<NamedPort> NamedPorts { get; init; } = [];
    public long Identity { get; set; }
    public string State { get; set; } = EndpointStates.WaitingForIdentity;
    public long PolicyRevision { get; set; }
    public bool IngressEnforced { get; set; }
    public bool EgressEnforced { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UtcNow;
    public List<EndpointLogEntry> Log { get; init; } = [];

    /// <summary>Records a state change in the endpoint's log (kept short: the last 32 entries, as a debugging aid).</summary>
    public void Transition(string state, string message, bool failure = false)
    {
        State = state;
        Log.Add(new EndpointLogEntry(DateTimeOffset.UtcNow, failure ? "Failure" : "OK", state, message));
        if (Log.Count > 32)
        {
            Log.RemoveAt(0);
        }
    }

    public string Name => K8sNamespace is { Length: > 0 } && K8sPodName is { Length: > 0 } ? $"{K8sNamespace}/{K8sPodName}" : $"endpoint-{Id}";

    public AgentEndpoint Snapshot()
    {
        var copy = (AgentEndpoint)MemberwiseClone();
        copy.Labels = [.. Labels];
        copy.IdentityLabels = [.. IdentityLabels];
        return copy;
    }
}
