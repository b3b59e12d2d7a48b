using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cilium.Hubble.Relay.Apis;

/// <summary>The Hubble UI (<c>--ui</c>): a page, a script and a style sheet embedded in the assembly, fed by <c>/v1/flows</c>.</summary>
public static class UiApi
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["app.js"] = "text/javascript; charset=utf-8",
        ["style.css"] = "text/css; charset=utf-8",
    };

    public static IEndpointRouteBuilder MapUi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Asset("index.html")).ExcludeFromDescription();
        app.MapGet("/ui/{name}", (string name) => Asset(name)).ExcludeFromDescription();
        return app;
    }

    private static IResult Asset(string name)
    {
        if (!ContentTypes.TryGetValue(name, out var type))
        {
            return TypedResults.NotFound();
        }
        var stream = typeof(UiApi).Assembly.GetManifestResourceStream("ui/" + name);
        return stream is null ? TypedResults.NotFound() : TypedResults.Stream(stream, type);
    }
}
