using System.Text.Json;
using Cilium.Core.Policy.Rules;

namespace Cilium.Policy.Manifests;

/// <summary>A validated manifest: what the engine parsed, and the normalised JSON the bucket stores.</summary>
public sealed record ParsedManifest(PolicyDocument Document, JsonElement Manifest);
