using System.Net;
using System.Net.Sockets;
using Cilium.Bpf.Diagnostics;
using Cilium.Bpf.Maps;
using Cilium.Bpf.Tests.Lab;
using Xunit;

namespace Cilium.Bpf.Tests;

/// <summary>The typed map API, the loader and its errors, against real kernel maps.</summary>
public sealed class BpfMapTests
{
    [Fact]
    public void Update_PolicyMapFull_ThrowsNamingTheMapAndTheErrno()
    {
        using var lab = NodeLab.Create(0, o => o with { PolicyMaxEntries = 4 });
        using var endpoint = lab.Datapath.AddEndpoint(42, 5000);
        for (ushort port = 1; port <= 4; port++)
        {
            endpoint.Policy.Allow(300, TrafficDirection.Ingress, 6, port);
        }

        var e = Assert.Throws<BpfException>(() => endpoint.Policy.Allow(300, TrafficDirection.Ingress, 6, 5));

        Assert.True(e.IsMapFull);
        Assert.Equal("update", e.Operation);
        Assert.Equal("cilium_policy_v2_00042", e.Target);
        Assert.StartsWith("update cilium_policy_v2_00042: ENOSPC, map full", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_HashMapFull_ThrowsE2big()
    {
        using var lab = NodeLab.Create(0, o => o with { MetricsMaxEntries = 2 });
        var metrics = lab.Datapath.Metrics.Map;
        metrics.Update(new MetricsKey { Reason = 200, Dir = 1 }, default);
        metrics.Update(new MetricsKey { Reason = 201, Dir = 1 }, default);

        var e = Assert.Throws<BpfException>(() => metrics.Update(new MetricsKey { Reason = 202, Dir = 1 }, default));

        Assert.Equal(Errno.E2BIG, e.ErrorCode);
        Assert.StartsWith("update cilium_metrics: E2BIG, map full", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LookupUpdateDeleteIterate_IpCache_RoundTrips()
    {
        using var lab = NodeLab.Create(0);
        var ipcache = lab.Datapath.IpCache;
        ipcache.Upsert("198.18.4.0/24", 700);
        ipcache.Upsert("198.18.4.7/32", 701);
        ipcache.Upsert("fd00:4::/64", 702);

        Assert.Equal(701u, ipcache.Resolve(IPAddress.Parse("198.18.4.7")));
        Assert.Equal(700u, ipcache.Resolve(IPAddress.Parse("198.18.4.8")));
        Assert.Equal(702u, ipcache.Resolve(IPAddress.Parse("fd00:4::9")));
        Assert.Equal(ReservedIdentity.World, ipcache.Resolve(IPAddress.Parse("198.19.0.1")));
        Assert.Equal(
            ["198.18.4.0/24=700", "198.18.4.7/32=701", "fd00:4::/64=702"],
            ipcache.Entries().Select(e => $"{e.Prefix}={e.Identity}").Order(StringComparer.Ordinal));

        Assert.True(ipcache.Delete(IPNetwork.Parse("198.18.4.7/32")));
        Assert.False(ipcache.Delete(IPNetwork.Parse("198.18.4.7/32")));
        Assert.Equal(700u, ipcache.Resolve(IPAddress.Parse("198.18.4.7")));
        Assert.DoesNotContain(ipcache.Entries(), e => e.Prefix.PrefixLength == 32);
    }

    [Fact]
    public void UpdateBatchAndDeleteBatch_ConnTrackMap_WriteAndRemoveEveryEntry()
    {
        using var lab = NodeLab.Create(0);
        var ct = lab.Datapath.ConnTrack.Any4;
        var keys = Enumerable.Range(1, 100).Select(i => new Ct4Key
        {
            Saddr = NetworkOrder.IPv4(IPAddress.Parse("198.18.1.1")),
            Daddr = NetworkOrder.IPv4(IPAddress.Parse("198.18.1.2")),
            Sport = NetworkOrder.Port((ushort)(10000 + i)),
            Dport = NetworkOrder.Port(53),
            NextHdr = 17,
        }).ToArray();
        var values = keys.Select((_, i) => new CtEntry { Packets = (ulong)i, Lifetime = uint.MaxValue }).ToArray();

        Assert.Equal(100, ct.UpdateBatch(keys, values));
        Assert.Equal(100, ct.Keys().Count());
        Assert.Equal(42ul, ct.Lookup(keys[42])!.Value.Packets);
        Assert.Contains(lab.Datapath.ConnTrack.Entries(), c => c.SourcePort == 10001 && c.DestinationPort == 53 && c.Protocol == 17);

        Assert.Equal(60, ct.DeleteBatch(keys.AsSpan(0, 60)));
        Assert.Equal(40, ct.Keys().Count());
        Assert.Equal(40, lab.Datapath.ConnTrack.Flush());
        Assert.Empty(ct.Keys());
    }

    [Fact]
    public void UpdateBatch_LpmTrieWithoutBatchSupport_StillWritesEveryEntry()
    {
        using var lab = NodeLab.Create(0);
        using var endpoint = lab.Datapath.AddEndpoint(7, 5000);
        var keys = Enumerable.Range(1, 20).Select(i => PolicyMap.Key((uint)(300 + i), TrafficDirection.Egress, 17, 53)).ToArray();
        var values = keys.Select(k => PolicyMap.Entry(k, deny: false)).ToArray();

        Assert.Equal(20, endpoint.Policy.Map.UpdateBatch(keys, values));
        Assert.Equal(20, endpoint.Policy.Entries().Count());
        Assert.Equal(20, endpoint.Policy.Map.DeleteBatch(keys));
        Assert.Empty(endpoint.Policy.Entries());
    }

    [Fact]
    public void Open_MapsAlreadyPinned_ReusesThemInsteadOfCreatingNewOnes()
    {
        using var lab = NodeLab.Create(0);
        lab.Datapath.IpCache.Upsert("198.18.9.0/24", 900);
        using var first = lab.Datapath.AddEndpoint(9, 5000);
        first.Policy.Allow(900, TrafficDirection.Ingress);

        using var second = Datapath.Open(lab.Options);
        using var reloaded = second.AddEndpoint(9, 5000);

        Assert.Equal(lab.Datapath.IpCache.Map.Id, second.IpCache.Map.Id);
        Assert.Equal(lab.Datapath.ConnTrack.Tcp4.Id, second.ConnTrack.Tcp4.Id);
        Assert.Equal(first.Policy.Map.Id, reloaded.Policy.Map.Id);
        Assert.Equal(900u, second.IpCache.Resolve(IPAddress.Parse("198.18.9.1")));
        Assert.Single(reloaded.Policy.Entries());
        // The same bpf_lxc.o: its pinned programs are reused, not verified again.
        Assert.False(second.ProgramsLoaded);
        Assert.Equal(first.FromContainer.Id, reloaded.FromContainer.Id);
        Assert.Equal(first.ToContainer.Id, reloaded.ToContainer.Id);
    }

    [Fact]
    public void Open_PinnedProgramsOfAnotherObject_LoadsAndPinsFreshOnes()
    {
        using var lab = NodeLab.Create(0);
        var before = lab.Datapath.FromContainerProgram.Id;
        var hash = lab.Datapath.Config.ProgramHash;
        lab.Datapath.Config.ProgramHash = 12345;

        using var second = Datapath.Open(lab.Options);

        Assert.True(second.ProgramsLoaded);
        Assert.NotEqual(before, second.FromContainerProgram.Id);
        Assert.Equal(hash, second.Config.ProgramHash);
        using var pinned = BpfProgram.OpenPinned(second.Pins.Program(Datapath.FromContainer));
        Assert.Equal(second.FromContainerProgram.Id, pinned.Id);
    }

    [Fact]
    public void AddEndpoint_ManyEndpoints_ShareTheNodesProgramsAndEachGetsItsOwnPolicyMap()
    {
        using var lab = NodeLab.Create(0);
        var endpoints = Enumerable.Range(1, 20).Select(i => lab.Datapath.AddEndpoint((ushort)i, (uint)(1000 + i))).ToList();
        try
        {
            Assert.Single(endpoints.Select(e => e.FromContainer.Id).Distinct());
            Assert.Equal(20, endpoints.Select(e => e.Policy.Map.Id).Distinct().Count());
            Assert.Equal(Enumerable.Range(1, 20).Select(i => (ushort)i), lab.Datapath.PinnedEndpoints());
            // cilium_policy_maps holds each endpoint's map under its id (a lookup from user space yields the map id).
            Assert.Equal(endpoints[4].Policy.Map.Id, lab.Datapath.PolicyMaps.Lookup(5u));

            lab.Datapath.RemoveEndpoint(5);

            Assert.Null(lab.Datapath.PolicyMaps.Lookup(5u));
            Assert.DoesNotContain((ushort)5, lab.Datapath.PinnedEndpoints());
        }
        finally
        {
            endpoints.ForEach(e => e.Dispose());
        }
    }

    [Fact]
    public void Open_DefaultOptions_MapsHaveCiliumSizes()
    {
        Prerequisites.Require();
        var runId = Cilium.Testing.RunId.New();
        var root = StaleRuns.BpffsRoot(runId);
        try
        {
            StaleRuns.Claim(runId);
            using var datapath = Datapath.Open(new DatapathOptions { BpffsRoot = root });
            using var endpoint = datapath.AddEndpoint(1, 5000);

            Assert.Equal(512000u, datapath.IpCache.Map.MaxEntries);
            Assert.Equal(524288u, datapath.ConnTrack.Tcp4.MaxEntries);
            Assert.Equal(262144u, datapath.ConnTrack.Any4.MaxEntries);
            Assert.Equal(524288u, datapath.ConnTrack.Tcp6.MaxEntries);
            Assert.Equal(262144u, datapath.ConnTrack.Any6.MaxEntries);
            Assert.Equal(1024u, datapath.Metrics.Map.MaxEntries);
            Assert.Equal(16384u, endpoint.Policy.Map.MaxEntries);
            Assert.Equal("cilium_policy_v2_00001", endpoint.Policy.Map.Name);
            Assert.True(File.Exists(Path.Combine(root, "globals", "cilium_policy_v2_00001")));
            Assert.True(File.Exists(Path.Combine(root, "programs", "cil_from_container")));
            Assert.Equal(65536u, datapath.PolicyMaps.MaxEntries);
        }
        finally
        {
            Datapath.RemoveAllPins(root);
        }
    }

    [Fact]
    public void Open_RootOutsideBpffs_ThrowsExplainingTheMount()
    {
        Prerequisites.Require();
        var root = Path.Combine(Path.GetTempPath(), $"cbt-{Cilium.Testing.RunId.New()}");

        var e = Assert.Throws<BpfException>(() => Datapath.Open(new DatapathOptions { BpffsRoot = root }));

        Assert.Contains("not on a bpf filesystem", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void Open_ObjectMissing_ThrowsNamingThePath()
    {
        Prerequisites.Require();
        var runId = Cilium.Testing.RunId.New();
        var options = NodeLab.TestOptions(runId) with { ObjectDirectory = "/nonexistent-cbt" };
        try
        {
            var e = Assert.Throws<BpfException>(() => Datapath.Open(options));
            Assert.Contains("/nonexistent-cbt/bpf_globals.o", e.Message, StringComparison.Ordinal);
            Assert.Equal(Errno.ENOENT, e.ErrorCode);
        }
        finally
        {
            Datapath.RemoveAllPins(options.BpffsRoot);
        }
    }

    [Fact]
    public void RingBuffer_ReaderFallsBehind_LostEventsAreCounted()
    {
        using var lab = NodeLab.Create(0, o => o with { EventsRingBytes = 4096 });
        using var endpoint = lab.Datapath.AddEndpoint(3, 5000);
        endpoint.Bind(1); // a test run's packet arrives on the loopback device
        using var reader = lab.Datapath.OpenEventReader(_ => { });
        var packet = Packets.Tcp(IPAddress.Parse("198.18.3.1"), 40000, IPAddress.Parse("198.18.3.2"), 80, Packets.Syn);

        var result = endpoint.FromContainer.TestRun(packet, repeat: 200); // every run is a policy drop with an event

        Assert.Equal(2u, result.ReturnValue); // TC_ACT_SHOT
        Assert.True(reader.LostEvents > 0, "a 4 KiB ring cannot hold 200 events");
        var read = reader.Consume();
        Assert.True(read > 0);
        Assert.Equal(200ul, (ulong)read + reader.LostEvents);
    }

    [Fact]
    public void RingBuffer_ManyLapsOfASmallRing_EveryRecordArrivesWholeAndInOrder()
    {
        using var lab = NodeLab.Create(0, o => o with { EventsRingBytes = 4096 });
        using var endpoint = lab.Datapath.AddEndpoint(5, 5000);
        endpoint.Bind(1);
        var ports = new List<ushort>();
        using var reader = lab.Datapath.OpenEventReader(r => ports.Add(System.Runtime.InteropServices.MemoryMarshal.Read<FlowEvent>(r).SourcePort));

        // 30 batches of 20 drop events (88 bytes each with the header): 12 laps of the 4 KiB ring, records
        // straddling its end, each batch consumed before the next.
        for (var batch = 0; batch < 30; batch++)
        {
            for (var i = 0; i < 20; i++)
            {
                endpoint.FromContainer.TestRun(Packets.Tcp(IPAddress.Parse("198.18.3.1"), (ushort)(10000 + (batch * 20) + i), IPAddress.Parse("198.18.3.2"), 80, Packets.Syn));
            }
            Assert.Equal(20, reader.Consume());
        }

        Assert.Equal(0ul, reader.LostEvents);
        Assert.Equal(Enumerable.Range(10000, 600).Select(p => (ushort)p), ports);
    }

    [Fact]
    public void TestRun_EndpointRegisteredOnTheInterface_ProgramReportsItsEndpointAndIdentity()
    {
        using var lab = NodeLab.Create(0);
        using var endpoint = lab.Datapath.AddEndpoint(4042, 77777);
        endpoint.Bind(1);
        var events = new List<FlowEvent>();
        using var reader = lab.Datapath.OpenEventReader(r => events.Add(System.Runtime.InteropServices.MemoryMarshal.Read<FlowEvent>(r)));
        endpoint.Policy.Allow(ReservedIdentity.World, TrafficDirection.Egress, 6, 443);
        var packet = Packets.Tcp(IPAddress.Parse("fd00::1"), 40000, IPAddress.Parse("fd00::2"), 443, Packets.Syn);

        Assert.Equal(0u, endpoint.FromContainer.TestRun(packet).ReturnValue);
        reader.Consume();

        var e = Assert.Single(events);
        Assert.Equal(4042, e.EndpointId);
        Assert.Equal(77777u, e.SrcIdentity);
        Assert.Equal(ReservedIdentity.World, e.DstIdentity);
        Assert.Equal(AddressFamily.InterNetworkV6, e.AddressFamily);
        Assert.Equal(443, e.DestinationPort);
    }

    [Fact]
    public void TestRun_IdentityChanged_NextEventCarriesTheNewIdentityWithoutAReload()
    {
        using var lab = NodeLab.Create(0);
        using var endpoint = lab.Datapath.AddEndpoint(12, 5001);
        endpoint.Bind(1);
        var events = new List<FlowEvent>();
        using var reader = lab.Datapath.OpenEventReader(r => events.Add(System.Runtime.InteropServices.MemoryMarshal.Read<FlowEvent>(r)));
        var packet = Packets.Tcp(IPAddress.Parse("198.18.3.1"), 40000, IPAddress.Parse("198.18.3.2"), 80, Packets.Syn);
        var program = endpoint.FromContainer.Id;

        endpoint.FromContainer.TestRun(packet);
        endpoint.SetIdentity(5002);
        endpoint.FromContainer.TestRun(packet);
        reader.Consume();

        Assert.Equal([5001u, 5002u], events.Select(e => e.SrcIdentity));
        Assert.Equal(program, endpoint.FromContainer.Id);
    }

    [Fact]
    public void TestRun_InterfaceWithoutEndpoint_DropsAsEndpointNotReady()
    {
        using var lab = NodeLab.Create(0);
        using var endpoint = lab.Datapath.AddEndpoint(13, 5001);
        endpoint.Policy.Allow(0, TrafficDirection.Egress);
        var events = new List<FlowEvent>();
        using var reader = lab.Datapath.OpenEventReader(r => events.Add(System.Runtime.InteropServices.MemoryMarshal.Read<FlowEvent>(r)));
        var packet = Packets.Udp(IPAddress.Parse("198.18.3.1"), 40000, IPAddress.Parse("198.18.3.2"), 53);

        var unbound = endpoint.FromContainer.TestRun(packet).ReturnValue;
        endpoint.Bind(1);
        var bound = endpoint.FromContainer.TestRun(packet).ReturnValue;
        reader.Consume();

        Assert.Equal(2u, unbound); // TC_ACT_SHOT: the program never guesses whose packet it is
        Assert.Equal(0u, bound);
        Assert.Equal(DropReason.EndpointNotReady, events[0].DropReason);
        Assert.Equal(0, events[0].EndpointId);
    }
}
