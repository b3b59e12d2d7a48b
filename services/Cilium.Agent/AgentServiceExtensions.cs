using Cilium.Agent.Clients;
using Cilium.Agent.Datapath;
using Cilium.Agent.Endpoints;
using Cilium.Agent.Ipam;
using Cilium.Agent.Sync;
using Microsoft.Extensions.Options;

namespace Cilium.Agent;

public static class AgentServiceExtensions
{
    /// <summary>Cilium's agent flags that map onto <see cref="AgentOptions"/> (so <c>--socket-path</c> works as in Cilium).</summary>
    private static readonly Dictionary<string, string> CiliumFlags = new(StringComparer.Ordinal)
    {
        ["socket-path"] = nameof(AgentOptions.SocketPath),
        ["state-dir"] = nameof(AgentOptions.StateDir),
        ["bpf-root"] = nameof(AgentOptions.BpffsRoot),
        ["enable-policy"] = nameof(AgentOptions.PolicyEnforcement),
        ["node-name"] = nameof(AgentOptions.NodeName),
    };

    public static WebApplicationBuilder AddAgentServices(this WebApplicationBuilder builder)
    {
        foreach (var (flag, option) in CiliumFlags)
        {
            if (builder.Configuration[flag] is { Length: > 0 } value)
            {
                builder.Configuration[$"{AgentOptions.SectionName}:{option}"] = value;
            }
        }
        builder.Services.AddOptions<AgentOptions>().BindConfiguration(AgentOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        var socket = builder.Configuration[$"{AgentOptions.SectionName}:{nameof(AgentOptions.SocketPath)}"] ?? new AgentOptions().SocketPath;
        Directory.CreateDirectory(Path.GetDirectoryName(socket)!);
        // A socket file left by a killed agent would make the bind fail; nobody else may own this path.
        File.Delete(socket);
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(socket));

        builder.Services.AddServiceClients();
        builder.Services.AddSingleton<PodIpam>();
        builder.Services.AddSingleton<EndpointStore>();
        builder.Services.AddSingleton<NodeIdentityReferences>();
        builder.Services.AddSingleton<EndpointManager>();
        builder.Services.AddSingleton<DatapathManager>();
        builder.Services.AddSingleton<AgentStatus>();
        builder.Services.AddSingleton<AgentReconciler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AgentReconciler>());
        builder.Services.AddHostedService<AgentStartup>();
        builder.Services.AddHostedService<ClusterEventsWatcher>();
        builder.Services.AddHostedService<Endpoints.CniDeleteQueue>();
        builder.Services.AddSingleton<EndpointLifecycleRehearsal>();
        builder.Services.AddHostedService<EndpointWarmup>();
        builder.Services.AddSingleton<Monitor.MonitorBroadcaster>();
        builder.Services.AddSingleton<Hubble.AgentEndpointResolver>();
        builder.Services.AddSingleton<Hubble.DatapathEventsObserver>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Hubble.DatapathEventsObserver>());
        return builder;
    }
}
