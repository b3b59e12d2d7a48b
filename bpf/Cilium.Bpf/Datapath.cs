using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Cilium.Bpf.Maps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cilium.Bpf;

/// <summary>
/// The node's datapath: the node-wide maps pinned under a bpffs root, the two programs (loaded once per node and
/// attached to every endpoint) and one policy map per endpoint. The agent runs <c>Open</c> (create or reuse the
/// pinned maps and programs) -> <c>AddEndpoint</c> per endpoint (create or reuse its policy map) ->
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
    public const string PolicyMapsName = "cilium_policy_maps";
    public const uint EndpointStateMaxEntries = 16384;
    public const uint PolicyMapsMaxEntries = 65536;

    private readonly ILogger _logger;

    private Datapath(DatapathOptions options, ILogger logger)
    {
        Options = options;
        Pins = new PinLayout(options.BpffsRoot);
        _logger = logger;
        PolicyMaxEntries = options.PolicyMaxEntries;
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

    /// <summary>cilium_policy_maps: endpoint id -> the endpoint's policy map.</summary>
    public BpfMap<uint, uint> PolicyMaps { get; private set; } = null!;

    /// <summary>The program on tc ingress of every endpoint's host veth (packets leaving the pod: egress policy).</summary>
    public BpfProgram FromContainerProgram { get; private set; } = null!;

    /// <summary>The program on tc egress of every endpoint's host veth (packets entering the pod: ingress policy).</summary>
    public BpfProgram ToContainerProgram { get; private set; } = null!;

    /// <summary>
    /// The size of every endpoint's policy map. It is fixed by the node's cilium_policy_maps when that is created (the
    /// kernel accepts only inner maps of its template's size), so a node reopened with another setting keeps it.
    /// </summary>
    public uint PolicyMaxEntries { get; private set; }

    /// <summary>True when <c>Open</c> loaded the programs (none were pinned, or bpf_lxc.o changed), false when it reused pins.</summary>
    public bool ProgramsLoaded { get; private set; }

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
        [EndpointStateMap.Name] = EndpointStateMaxEntries,
        [PolicyMapsName] = PolicyMapsMaxEntries,
    };

    /// <summary>Creates the node-wide maps and loads the programs, or reuses them where pinned, and opens them.</summary>
    public static Datapath Open(DatapathOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var datapath = new Datapath(options, logger ?? NullLogger.Instance);
        try
        {
            datapath.CreateGlobals();
            datapath.LoadPrograms();
            return datapath;
        }
        catch
        {
            datapath.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Gives the endpoint its policy map (created empty, or the one pinned from before) and returns its handle;
    /// nothing is loaded. <see cref="EndpointDatapath.Attach"/> then registers it on its veth and attaches the node's
    /// programs there.
    /// </summary>
    public EndpointDatapath AddEndpoint(ushort endpointId, uint identity)
    {
        if (endpointId == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(endpointId), endpointId, "endpoint ids start at 1");
        }
        var policy = OpenOrCreatePolicyMap(endpointId);
        return new EndpointDatapath(this, endpointId, identity, policy, _logger);
    }

    /// <summary>
    /// Opens an endpoint pinned from before (agent restart) without changing anything: its policy map, and its
    /// identity and interface as cilium_ep_state records them.
    /// </summary>
    public EndpointDatapath OpenEndpoint(ushort endpointId)
    {
        var name = PolicyMap.MapName(endpointId);
        var policy = new PolicyMap(BpfMap<PolicyKey, PolicyEntry>.OpenPinned(Pins.PolicyMap(endpointId), name), endpointId);
        var endpoint = new EndpointDatapath(this, endpointId, 0, policy, _logger);
        foreach (var ifindex in EndpointStates.InterfacesOf(endpointId))
        {
            endpoint.Restore(ifindex, EndpointStates.Get(ifindex)!.Value.SecIdentity);
        }
        DatapathLog.Open(_logger, $"pinned endpoint {endpointId} ({name}, ifindex {endpoint.Ifindex})");
        return endpoint;
    }

    /// <summary>The endpoint ids that have a policy map pinned.</summary>
    public IReadOnlyList<ushort> PinnedEndpoints() =>
        !Directory.Exists(Pins.Globals)
            ? []
            : Directory.GetFiles(Pins.Globals, PolicyMap.MapNamePrefix + "*")
                .Select(f => ushort.TryParse(Path.GetFileName(f)[PolicyMap.MapNamePrefix.Length..], out var id) ? (ushort?)id : null)
                .OfType<ushort>().Order().ToList();

    /// <summary>
    /// Forgets the endpoint: its cilium_ep_state entries, its slot in cilium_policy_maps and its pinned policy map
    /// (detach first: programs attached to a veth stay attached, and drop everything once the endpoint is gone).
    /// </summary>
    public void RemoveEndpoint(ushort endpointId)
    {
        foreach (var ifindex in EndpointStates.InterfacesOf(endpointId))
        {
            EndpointStates.Unregister(ifindex);
        }
        PolicyMaps.Delete(endpointId);
        var pin = Pins.PolicyMap(endpointId);
        File.Delete(pin);
        DatapathLog.Unpin(_logger, $"endpoint {endpointId}", pin);
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
        PolicyMaps?.Dispose();
        FromContainerProgram?.Dispose();
        ToContainerProgram?.Dispose();
    }

    private void CreateGlobals()
    {
        Bpffs.Require(Options.BpffsRoot);
        Directory.CreateDirectory(Pins.Globals);
        Directory.CreateDirectory(Pins.Programs);

        var path = Path.Combine(Options.ObjectDirectory, GlobalsObject);
        DatapathLog.Open(_logger, path);
        PolicyMaxEntries = AdoptedPolicyMaxEntries();
        using (var obj = BpfObject.Open(path))
        using (var template = CreatePolicyMap("cilium_policy_tmpl"))
        {
            var reused = ConfigureGlobalPins(obj, template);
            DatapathLog.Configure(_logger, GlobalsObject, $"{GlobalMapSizes.Count} node-wide maps, {reused} reused from pins, sizes {string.Join(", ", GlobalMapSizes.Select(kv => $"{kv.Key}={kv.Value}"))}, policy maps {PolicyMaxEntries}");
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
        PolicyMaps = BpfMap<uint, uint>.OpenPinned(P(PolicyMapsName));
        Config.Aggregation = Options.Aggregation;
    }

    /// <summary>
    /// Reuses the pinned programs when they were loaded from this very bpf_lxc.o; otherwise loads the object (one
    /// verifier pass for the whole node) and re-pins. Endpoints attached to older programs keep running them until
    /// the agent attaches again (an atomic swap per hook).
    /// </summary>
    private void LoadPrograms()
    {
        var path = Path.Combine(Options.ObjectDirectory, LxcObject);
        var hash = ObjectHash(path);
        var fromPin = Pins.Program(FromContainer);
        var toPin = Pins.Program(ToContainer);
        if (Config.ProgramHash == hash && File.Exists(fromPin) && File.Exists(toPin))
        {
            FromContainerProgram = BpfProgram.OpenPinned(fromPin, FromContainer);
            ToContainerProgram = BpfProgram.OpenPinned(toPin, ToContainer);
            DatapathLog.Open(_logger, $"pinned programs {FromContainerProgram.Id}/{ToContainerProgram.Id} of {LxcObject} {hash:x8}");
            return;
        }

        DatapathLog.Open(_logger, path);
        using var obj = BpfObject.Open(path);
        using var template = CreatePolicyMap("cilium_policy_tmpl");
        var reused = ConfigureGlobalPins(obj, template);
        DatapathLog.Configure(_logger, LxcObject, $"{reused} node-wide maps reused from pins");
        DatapathLog.Load(_logger, LxcObject);
        obj.Load();
        FromContainerProgram = obj.GetProgram(FromContainer);
        ToContainerProgram = obj.GetProgram(ToContainer);
        Repin(FromContainerProgram, fromPin);
        Repin(ToContainerProgram, toPin);
        Config.ProgramHash = hash;
        ProgramsLoaded = true;
        DatapathLog.Pin(_logger, $"programs {FromContainerProgram.Id}/{ToContainerProgram.Id} of {LxcObject} {hash:x8}", Pins.Programs);
    }

    private PolicyMap OpenOrCreatePolicyMap(ushort endpointId)
    {
        var name = PolicyMap.MapName(endpointId);
        var pin = Pins.PolicyMap(endpointId);
        BpfMap<PolicyKey, PolicyEntry> map;
        if (File.Exists(pin))
        {
            map = BpfMap<PolicyKey, PolicyEntry>.OpenPinned(pin, name);
        }
        else
        {
            map = CreatePolicyMap(name);
            try
            {
                map.Pin(pin);
            }
            catch
            {
                map.Dispose();
                throw;
            }
        }
        try
        {
            // The kernel checks the map against cilium_policy_maps' template (type, sizes, flags) here.
            PolicyMaps.Update(endpointId, (uint)map.Fd.Value);
        }
        catch
        {
            map.Dispose();
            throw;
        }
        return new PolicyMap(map, endpointId);
    }

    /// <summary>
    /// A policy map of the endpoints' type and size that nothing pins, registers or attaches: the agent runs its map
    /// code on it once before it reports ready, and disposing it frees it in the kernel.
    /// </summary>
    public PolicyMap CreateScratchPolicyMap() => new(CreatePolicyMap("cilium_warmup"), 0);

    private BpfMap<PolicyKey, PolicyEntry> CreatePolicyMap(string name) =>
        new(BpfMap.CreateFd(BpfMapType.LpmTrie, name, Unsafe.SizeOf<PolicyKey>(), Unsafe.SizeOf<PolicyEntry>(), PolicyMaxEntries, BpfMapFlags.NoPrealloc), name);

    /// <summary>An existing node keeps the policy map size its cilium_policy_maps was created with.</summary>
    private uint AdoptedPolicyMaxEntries()
    {
        if (!File.Exists(Pins.GlobalMap(PolicyMapsName)))
        {
            return Options.PolicyMaxEntries;
        }
        foreach (var endpointId in PinnedEndpoints())
        {
            using var pinned = BpfMap.OpenPinned(Pins.PolicyMap(endpointId));
            if (pinned.MaxEntries != Options.PolicyMaxEntries)
            {
                DatapathLog.SizeMismatch(_logger, "cilium_policy_v2_*", pinned.MaxEntries, Options.PolicyMaxEntries);
            }
            return pinned.MaxEntries;
        }
        return Options.PolicyMaxEntries;
    }

    /// <summary>Points every node-wide map at its pin and size; the template must stay open until the object is loaded.</summary>
    private int ConfigureGlobalPins(BpfObject obj, BpfMap policyTemplate)
    {
        // The template only shapes a cilium_policy_maps created by this load (libbpf uses the fd, it does not copy it).
        obj.SetInnerMapTemplate(PolicyMapsName, policyTemplate);
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

    /// <summary>A non-zero 32-bit digest of the object file: equal digests mean the pinned programs are this object's.</summary>
    private static uint ObjectHash(string path)
    {
        var digest = SHA256.HashData(File.ReadAllBytes(path));
        return BinaryPrimitives.ReadUInt32LittleEndian(digest) | 1u;
    }

    private static void Repin(BpfProgram program, string path)
    {
        // A pin path cannot be overwritten; the old program stays loaded while tc still holds it.
        File.Delete(path);
        program.Pin(path);
    }
}
