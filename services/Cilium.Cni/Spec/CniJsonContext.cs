using System.Text.Json.Serialization;
using Cilium.Cni.Pending;
using Cilium.Contracts.Cni;

namespace Cilium.Cni.Spec;

/// <summary>
/// Source-generated JSON for the plugin's own documents: no reflection at start-up, which is most of an ADD's cost.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, AllowTrailingCommas = false)]
[JsonSerializable(typeof(NetConf))]
[JsonSerializable(typeof(CniResult))]
[JsonSerializable(typeof(CniError))]
[JsonSerializable(typeof(VersionResult))]
[JsonSerializable(typeof(PendingDeletion))]
[JsonSerializable(typeof(LabelArgument[]))]
public sealed partial class CniJsonContext : JsonSerializerContext;
