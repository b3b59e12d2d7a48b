using Xunit;

namespace Cilium.Bpf.Tests.Lab;

/// <summary>One node with three pods shared by the traffic tests of a collection; each test starts from <see cref="NodeLab.Reset"/>.</summary>
public sealed class LabFixture : IDisposable
{
    private readonly Lazy<NodeLab> _lab = new(() => NodeLab.Create(3));

    internal NodeLab Lab => _lab.Value;

    public void Dispose()
    {
        if (_lab.IsValueCreated)
        {
            _lab.Value.Dispose();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DatapathCollection : ICollectionFixture<LabFixture>
{
    public const string Name = "datapath";
}
