using Cilium.Hubble.Contracts.Observer;
using Grpc.Core;
using ObserverClient = Cilium.Hubble.Contracts.Observer.Observer.ObserverClient;

namespace Cilium.Hubble.Tests.Support;

/// <summary>
/// A follow call whose responses are collected in the background, so a test can act (announce a node, publish a
/// flow) and then ask what the stream has carried so far. Disposing cancels the call and checks that it ended.
/// </summary>
internal sealed class FollowRecording : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly AsyncServerStreamingCall<GetFlowsResponse> _call;
    private readonly List<GetFlowsResponse> _received = [];
    private readonly Task _reader;

    private FollowRecording(ObserverClient client, TimeSpan limit)
    {
        _cts = new CancellationTokenSource(limit);
        _call = client.GetFlows(new GetFlowsRequest { Follow = true }, cancellationToken: _cts.Token);
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>Starts a follow call that is cancelled after <paramref name="limit"/> at the latest.</summary>
    public static FollowRecording Start(ObserverClient client, TimeSpan limit) => new(client, limit);

    public int Count(Func<GetFlowsResponse, bool> match)
    {
        lock (_received)
        {
            return _received.Count(match);
        }
    }

    public bool Any(Func<GetFlowsResponse, bool> match) => Count(match) > 0;

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        try
        {
            await _reader;
        }
        catch (Exception) when (_cts.IsCancellationRequested)
        {
            // The call ends by cancellation; anything else has already surfaced from the reader.
        }
        _call.Dispose();
        _cts.Dispose();
    }

    private async Task ReadAsync()
    {
        await foreach (var r in _call.ResponseStream.ReadAllAsync(_cts.Token))
        {
            lock (_received)
            {
                _received.Add(r);
            }
        }
    }
}
