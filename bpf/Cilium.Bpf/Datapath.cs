using Cilium.Bpf.Maps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cilium.Bpf;

/// <summary>
/// The node's datapath: the node-wide maps pinned under a bpffs root, and the per-endpoint programs. The agent runs
/// <c>Open</c> (create or reuse the pinned maps) -> <c>LoadEndpoint</c> per endpoint (open, configure, load, pin) ->
/// <c>EndpointDatapath.Attach</c> -> run -> <c>Detach</c> / <c>RemoveEndpoint</c>. Everything pinned keeps forwarding
/// when this object (or the whole process) goes away; a new <c>Open</c> over the same root picks it all up again.
/// </summary>
public sealed class Datapath : IDisposable
{
    public const string LxcObject = "bpf_lxc.o";
    public const string GlobalsObject = "bpf_globals.o";
    public const string FromContainer = "cil_from_container";
    public const string ToContainer = "cil_to_container";
    public const string EventsMapName = "cilium_events";
    public const string EventsLostMapName = "cilium_events_lost";
    public const string FragmentsMapName = "cilium_frag_datagrams";

    private readonly ILogger _logger;

    private Datapath(DatapathOptions options, ILogger logger)
    {
        Options = options;
        Pins = new PinLayout(options.BpffsRoot);
        _logger = logger;
    }

    public DatapathOptions Options { get; }
    public PinLayout Pins { get; }
    public IpCacheMap IpCache { get; private set; } = null!;
    public CtMap ConnTrack { get; private set; } = null!;
    public MetricsMap Metrics { get; private set; } = null!;
    public EndpointStateMap EndpointStates { get; private set; } = null!;
    public ConfigMap Config { get; private set; } = null!;
    public BpfMap Events { get; private set; } = null!;
    public PerCpuMap<uint, ulong> EventsLost { get; private set; } = null!;

    /// <summary>Every node-wide map with its configured size (the name is the pin file name).</summary>
    public IReadOnlyDictionary<string, uint> GlobalMapSizes => new Dictionary<string, uint>(StringComparer.Ordinal)
    {
        [IpCacheMap.Name] = Options.IpCacheMaxEntries,
        [CtMap.Tcp4Name] = Options.CtTcpMaxEntries,
        [CtMap.Any4Name] = Options.CtAnyMaxEntries,
        [CtMap.Tcp6Name] = Options.CtTcpMaxEntries,
        [CtMap.Any6Name] = Options.CtAnyMaxEntries,
        [FragmentsMapName] = Options.FragmentsMaxEntries,
        [MetricsMap.Name] = Options.MetricsMaxEntries,
        [EventsMapName] = Options.EventsRingBytes,
        [EventsLostMapName] = 1,
        [ConfigMap.Name] = 1,
        [EndpointStateMap.Name] = 65536,
    };

    /// <summary>Creates the node-wide maps (or reuses them where pinned) and opens them.</summary>
    public static Datapath Open(DatapathOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var datapath = new Datapath(options, logger ?? NullLogger.Instance);
        datapath.CreateGlobals();
        return datapath;
    }

    /// <summary>
    /// Loads the endpoint's programs with its id and identity compiled in as constants, its policy map (created, or
    /// reused where pinned) and the node-wide maps, and pins programs and policy map. Attach with
    /// <see cref="EndpointDatapath.Attach"/>; loading again over a running endpoint and attaching swaps programs
    /// atomically.
    /// </summary>
    public EndpointDatapath LoadEndpoint(ushort endpointId, uint identity)
    {
        var path = Path.Combine(Options.ObjectDirectory, LxcObject);
        DatapathLog.Open(_logger, path);
        using var obj = BpfObject.Open(path);

        obj.SetConstant("ENDPOINT_ID", (uint)endpointId);
        obj.SetConstant("ENDPOINT_IDENTITY", identity);
        var reused = ConfigureGlobalPins(obj);
        var policyName = PolicyMap.MapName(endpointId);
        ConfigureSize(obj, "cilium_policy_v2", Pins.PolicyMap(endpointId), Options.PolicyMaxEntries, policyName);
        obj.SetPinPath("cilium_policy_v2", Pins.PolicyMap(endpointId));
        DatapathLog.Configure(_logger, $"{LxcObject} for endpoint {endpointId}",
            $"ENDPOINT_ID={endpointId} ENDPOINT_IDENTITY={identity}, {policyName} at {Pins.PolicyMap(endpointId)}, {reused} node-wide maps reused from pins");

        DatapathLog.Load(_logger, $"{LxcObject} for endpoint {endpointId}");
        obj.Load();

        var endpointDir = Pins.Endpoint(endpointId);
        Directory.CreateDirectory(endpointDir);
        var from = obj.GetProgram(FromContainer);
        var to = obj.GetProgram(ToContainer);
        Repin(from, Pins.Program(endpointId, FromContainer));
        Repin(to, Pins.Program(endpointId, ToContainer));
        DatapathLog.Pin(_logger, $"endpoint {endpointId} programs {from.Id}/{to.Id} and {policyName}", endpointDir);

        var policy = new PolicyMap(obj.GetMap<PolicyKey, PolicyEntry>("cilium_policy_v2", policyName), endpointId);
        return new EndpointDatapath(endpointId, from, to, policy, _logger);
    }

    /// <summary>Opens an endpoint's pinned programs and policy map without loading anything (agent restart).</summary>
    public EndpointDatapath OpenEndpoint(ushort endpointId)
    {
        var from = BpfProgram.OpenPinned(Pins.Program(endpointId, FromContainer), FromContainer);
        var to = BpfProgram.OpenPinned(Pins.Program(endpointId, ToContainer), ToContainer);
        var policy = new PolicyMap(BpfMap<PolicyKey, PolicyEntry>.OpenPinned(Pins.PolicyMap(endpointId), PolicyMap.MapName(endpointId)), endpointId);
        DatapathLog.Open(_logger, $"pinned endpoint {endpointId} (programs {from.Id}/{to.Id})");
        return new EndpointDatapath(endpointId, from, to, policy, _logger);
    }

    /// <summary>The endpoint ids that have programs pinned.</summary>
    public IReadOnlyList<ushort> PinnedEndpoints() =>
        !Directory.Exists(Pins.Endpoints)
            ? []
            : Directory.GetDirectories(Pins.Endpoints)
                .Select(d => ushort.TryParse(Path.GetFileName(d), out var id) ? (ushort?)id : null)
                .OfType<ushort>().Order().ToList();

    /// <summary>Unpins the endpoint's programs and policy map (detach first: attached programs stay attached).</summary>
    public void RemoveEndpoint(ushort endpointId)
    {
        var dir = Pins.Endpoint(endpointId);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
        File.Delete(Pins.PolicyMap(endpointId));
        DatapathLog.Unpin(_logger, $"endpoint {endpointId}", dir);
    }

    /// <summary>A reader of the flow events of every endpoint of the node.</summary>
    public RingBufferReader OpenEventReader(RingBufferHandler handler) => new(Events, handler, EventsLost);

    /// <summary>Removes every pin under the root (the node's datapath goes away once nothing is attached).</summary>
    public static void RemoveAllPins(string bpffsRoot)
    {
        if (Directory.Exists(bpffsRoot))
        {
            Directory.Delete(bpffsRoot, recursive: true);
        }
    }

    public void Dispose()
    {
        IpCache?.Dispose();
        ConnTrack?.Dispose();
        Metrics?.Dispose();
        EndpointStates?.Dispose();
        Config?.Dispose();
        Events?.Dispose();
        EventsLost?.Dispose();
    }

    private void CreateGlobals()
    {
        Bpffs.Require(Options.BpffsRoot);
        Directory.CreateDirectory(Pins.Globals);
        Directory.CreateDirectory(Pins.Endpoints);

        var path = Path.Combine(Options.ObjectDirectory, GlobalsObject);
        DatapathLog.Open(_logger, path);
        using (var obj = BpfObject.Open(path))
        {
            var reused = ConfigureGlobalPins(obj);
            DatapathLog.Configure(_logger, GlobalsObject, $"{GlobalMapSizes.Count} node-wide maps, {reused} reused from pins, sizes {string.Join(", ", GlobalMapSizes.Select(kv => $"{kv.Key}={kv.Value}"))}");
            DatapathLog.Load(_logger, GlobalsObject);
            obj.Load();
            DatapathLog.Pin(_logger, "node-wide maps", Pins.Globals);
        }

        string P(string name) => Pins.GlobalMap(name);
        IpCache = new IpCacheMap(BpfMap<IpCacheKey, IpCacheValue>.OpenPinned(P(IpCacheMap.Name)));
        ConnTrack = new CtMap(
            BpfMap<Ct4Key, CtEntry>.OpenPinned(P(CtMap.Tcp4Name)),
            BpfMap<Ct4Key, CtEntry>.OpenPinned(P(CtMap.Any4Name)),
            BpfMap<Ct6Key, CtEntry>.OpenPinned(P(CtMap.Tcp6Name)),
            BpfMap<Ct6Key, CtEntry>.OpenPinned(P(CtMap.Any6Name)));
        Metrics = new MetricsMap(PerCpuMap<MetricsKey, MetricsValue>.OpenPinned(P(MetricsMap.Name)));
        EndpointStates = new EndpointStateMap(BpfMap<uint, EndpointState>.OpenPinned(P(EndpointStateMap.Name)));
        Config = new ConfigMap(BpfMap<uint, DatapathConfig>.OpenPinned(P(ConfigMap.Name)));
        Events = BpfMap.OpenPinned(P(EventsMapName));
        EventsLost = PerCpuMap<uint, ulong>.OpenPinned(P(EventsLostMapName));
        Config.Aggregation = Options.Aggregation;
    }

    private int ConfigureGlobalPins(BpfObject obj)
    {
        var reused = 0;
        foreach (var (name, size) in GlobalMapSizes)
        {
            var pin = Pins.GlobalMap(name);
            reused += ConfigureSize(obj, name, pin, size, name) ? 1 : 0;
            obj.SetPinPath(name, pin);
        }
        return reused;
    }

    /// <summary>Sets the map's size, or adopts the size of the map already pinned there; true if one is pinned.</summary>
    private bool ConfigureSize(BpfObject obj, string map, string pin, uint size, string displayName)
    {
        if (File.Exists(pin))
        {
            using var pinned = BpfMap.OpenPinned(pin, displayName);
            if (pinned.MaxEntries != size)
            {
                DatapathLog.SizeMismatch(_logger, displayName, pinned.MaxEntries, size);
            }
            obj.SetMaxEntries(map, pinned.MaxEntries);
            return true;
        }
        obj.SetMaxEntries(map, size);
        return false;
    }

    private static void Repin(BpfProgram program, string path)
    {
        // A pin path cannot be overwritten; the old program stays loaded while tc still holds it.
        File.Delete(path);
        program.Pin(path);
    }
}
