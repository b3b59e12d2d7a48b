using Cilium.Core.Policy.Engine;

namespace Cilium.Agent;

/// <summary>A local endpoint got its identity: compute its policy and bring up its datapath.</summary>
public sealed record EndpointIdentityResolved(ushort EndpointId, long Identity, IReadOnlyList<string> IdentityLabels);

/// <summary>A local endpoint is being deleted: tear down its datapath and its ipcache entries.</summary>
public sealed record EndpointTeardown(ushort EndpointId, TaskCompletionSource Done);

/// <summary>A restored endpoint (agent restart) whose programs are still pinned: rebuild the engine's view only.</summary>
public sealed record EndpointRestored(ushort EndpointId);

/// <summary>Completes once everything enqueued before it has been applied.</summary>
public sealed record Barrier(TaskCompletionSource Done);

/// <summary>A read of the engine, run on the loop.</summary>
public sealed record EngineQuery(Func<PolicyEngine, object?> Read, TaskCompletionSource<object?> Result);
