using System.Text.Json;
using Cilium.Core.Policy.Rules;

namespace Cilium.Policy.Commands;

/// <summary>
/// One policy to write: the validated, normalised manifest, or null to delete it. <paramref name="IfMatch"/> is the
/// policy revision the caller last saw (<c>If-Match</c>); the write only happens while the policy still has it.
/// </summary>
public sealed record PolicyChange(int Index, PolicyResourceId Id, JsonElement? Manifest, long? IfMatch = null);
