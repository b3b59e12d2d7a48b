namespace Cilium.Policy.Manifests;

/// <summary>
/// Why a request's manifests were refused: 400 when the body is not YAML/JSON manifests at all or disagrees with
/// the path, 422 when a manifest parses but breaks a rule (Kubernetes answers an invalid object the same way).
/// <paramref name="Field"/> is the path inside the document, <paramref name="ErrorKey"/> the path in the request.
/// </summary>
public sealed record ManifestProblem(int Status, DocumentRef Document, string Field, string ErrorKey, string Reason);
