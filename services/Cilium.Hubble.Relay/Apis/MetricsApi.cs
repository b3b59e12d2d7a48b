using System.Globalization;
using Cilium.Hubble.Relay.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cilium.Hubble.Relay.Apis;

public static class MetricsApi
{
    public static IEndpointRouteBuilder MapRelayMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", (RelayMetrics metrics) =>
        {
            var text = new StringWriter(CultureInfo.InvariantCulture);
            metrics.WriteTo(text);
            return TypedResults.Text(text.ToString(), "text/plain; version=0.0.4");
        }).WithTags("Metrics").WithSummary("Prometheus text metrics of the relay");
        return app;
    }
}
