namespace Cilium.Dbg.Tests;

/// <summary>One <see cref="FakeAgentServer"/> for a test class; its socket is removed when the class is done.</summary>
public sealed class FakeAgentFixture : IAsyncLifetime
{
    private FakeAgentServer? _server;

    public FakeAgentServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _server = await FakeAgentServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
