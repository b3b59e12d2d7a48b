using System.Net;

namespace Cilium.Dbg.Client;

/// <summary>The agent answered with an error; the message is <c>&lt;title&gt;: &lt;detail&gt;</c> from its problem details.</summary>
public sealed class AgentApiException(HttpStatusCode status, string title, string? detail)
    : Exception(string.IsNullOrWhiteSpace(detail) ? title : $"{title}: {detail}")
{
    public HttpStatusCode Status { get; } = status;
}
