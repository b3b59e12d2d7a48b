using Cilium.Hubble;
using Cilium.Hubble.Hosting;

namespace Cilium.Benchmarks.Hubble;

internal static class HubbleServerExtensions
{
    public static HubbleOptions Options(this HubbleServer server) => server.Observer.Options;
}
