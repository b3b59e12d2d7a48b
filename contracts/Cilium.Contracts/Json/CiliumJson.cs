using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Cilium.Contracts.Json;

/// <summary>The one set of JSON options every process uses, so the CLI, the agent and the services read each other's bytes alike.</summary>
public static class CiliumJson
{
    /// <summary>Options backed by <see cref="CiliumJsonContext"/>, falling back to reflection for types outside the contracts.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(CiliumJsonContext.Default.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(CiliumJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Copies the contract settings into an options instance owned by a host (ASP.NET's HTTP JSON options).</summary>
    public static void Apply(JsonSerializerOptions target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        target.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        target.TypeInfoResolverChain.Insert(0, CiliumJsonContext.Default);
    }
}
