using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Cilium.Contracts.Json;

/// <summary>The one set of JSON options every process uses, so the CLI, the agent and the services read each other's bytes alike.</summary>
public static class CiliumJson
{
    /// <summary>
    /// Options backed by <see cref="CiliumJsonContext"/>, falling back to reflection for types outside the contracts
    /// where reflection is enabled (everywhere but Native AOT builds).
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The reflection resolver is only created where reflection-based serialization is enabled, which Native AOT builds switch off.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "As above: never reached in a Native AOT build.")]
    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(CiliumJsonContext.Default.Options)
        {
            // Native AOT builds (cilium-cni) switch reflection off; they only ever serialize contract types.
            TypeInfoResolver = JsonSerializer.IsReflectionEnabledByDefault
                ? JsonTypeInfoResolver.Combine(CiliumJsonContext.Default, new DefaultJsonTypeInfoResolver())
                : CiliumJsonContext.Default,
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
