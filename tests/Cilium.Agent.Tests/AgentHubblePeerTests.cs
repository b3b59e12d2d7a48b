using System.Net;
using System.Net.Http.Json;
using Cilium.Contracts.Json;
using Cilium.Contracts.Nodes;
using Cilium.Hubble.Contracts.Peer;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit;

namespace Cilium.Agent.Tests;

/// <summary>
/// Every agent's Peer service announces every node of the cluster with its registered Hubble address (as Cilium's
/// agents do from their node manager), follows nodes joining and leaving, and so lets hubble-relay discover the
/// cluster from any one node.
/// </summary>
[Collection(AgentClusterCollection.Name)]
public sealed class AgentHubblePeerTests(AgentClusterFixture cluster)
{
    [Fact]
    public async Task PeerNotify_TwoAgentsAndANodeJoiningThenLeaving_EachAgentAnnouncesAllNodes()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var streams = cluster.Nodes.Select(n => new PeerStream(n.HubbleAddress, cts.Token)).ToList();
        try
        {
            var expected = cluster.Nodes.ToDictionary(n => n.Name, n => n.HubbleAddress);
            foreach (var stream in streams)
            {
                var seen = await stream.UntilAsync(peers => expected.All(e => peers.GetValueOrDefault(e.Key) == e.Value));
                foreach (var (name, address) in expected)
                {
                    Assert.Equal(address, seen.GetValueOrDefault(name));
                }
            }

            // A node registered with the endpoint service (as its agent would) appears on every agent's Peer service...
            var extra = $"extra-{cluster.RunId}";
            var extraAddress = "198.18.0.99:4244";
            using var http = new HttpClient { BaseAddress = new Uri(cluster.EndpointUrl) };
            using var put = await http.PutAsJsonAsync($"/v1/nodes/{extra}", new PutNodeRequest([], [], null, extraAddress), CiliumJsonContext.Default.PutNodeRequest);
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
            foreach (var stream in streams)
            {
                var seen = await stream.UntilAsync(peers => peers.ContainsKey(extra));
                Assert.Equal(extraAddress, seen.GetValueOrDefault(extra));
            }

            // ...and leaves them when it is deleted, while the agents' own nodes stay.
            using var delete = await http.DeleteAsync($"/v1/nodes/{extra}");
            Assert.True(delete.IsSuccessStatusCode, await delete.Content.ReadAsStringAsync());
            foreach (var stream in streams)
            {
                var seen = await stream.UntilAsync(peers => !peers.ContainsKey(extra));
                Assert.DoesNotContain(extra, seen.Keys);
                Assert.Contains(stream.Changes, c => c.Name == extra && c.Type == ChangeNotificationType.PeerDeleted);
                Assert.All(expected.Keys, name => Assert.Contains(name, seen.Keys));
            }

            // A bad Hubble address is the registering client's error.
            using var bad = await http.PutAsJsonAsync($"/v1/nodes/{extra}", new PutNodeRequest([], [], null, "not an address"), CiliumJsonContext.Default.PutNodeRequest);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("hubbleAddress", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await cts.CancelAsync();
            foreach (var s in streams)
            {
                await s.DisposeAsync();
            }
        }
    }

    /// <summary>One <c>peer.Peer/Notify</c> call, applied to a name -> address view as it streams in.</summary>
    private sealed class PeerStream : IAsyncDisposable
    {
        private readonly GrpcChannel _channel;
        private readonly AsyncServerStreamingCall<ChangeNotification> _call;
        private readonly Task _reader;
        private readonly Dictionary<string, string> _peers = new(StringComparer.Ordinal);
        private readonly List<ChangeNotification> _changes = [];

        public PeerStream(string address, CancellationToken ct)
        {
            _channel = GrpcChannel.ForAddress($"http://{address}");
            _call = new Peer.PeerClient(_channel).Notify(new NotifyRequest(), cancellationToken: ct);
            _reader = ReadAsync(ct);
        }

        public IReadOnlyList<ChangeNotification> Changes
        {
            get { lock (_peers) { return [.. _changes]; } }
        }

        private async Task ReadAsync(CancellationToken ct)
        {
            try
            {
                await foreach (var change in _call.ResponseStream.ReadAllAsync(ct))
                {
                    lock (_peers)
                    {
                        _changes.Add(change);
                        if (change.Type == ChangeNotificationType.PeerDeleted)
                        {
                            _peers.Remove(change.Name);
                        }
                        else
                        {
                            _peers[change.Name] = change.Address;
                        }
                    }
                }
            }
            catch (RpcException) when (ct.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
        }

        public async Task<IReadOnlyDictionary<string, string>> UntilAsync(Func<IReadOnlyDictionary<string, string>, bool> done) =>
            await Eventually.UntilAsync(() =>
            {
                lock (_peers)
                {
                    return Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(_peers));
                }
            }, done);

        public async ValueTask DisposeAsync()
        {
            _call.Dispose();
            try
            {
                await _reader;
            }
            catch (RpcException)
            {
            }
            _channel.Dispose();
        }
    }
}
