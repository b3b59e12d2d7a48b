using System.Text.Json;
using Cilium.Cli.Hubble;
using Xunit;

namespace Cilium.Lab.Tests;

public sealed class HubbleFlowTests
{
    [Fact]
    public void From_DroppedFlowJson_ReadsVerdictReasonPodsAndReply()
    {
        // The relay's /v1/flows body: proto3 JSON with .proto field names, enums by name, BoolValue as a plain bool.
        using var doc = JsonDocument.Parse("""
            {"time":"2025-01-01T00:00:00Z","verdict":"DROPPED","drop_reason_desc":"POLICY_DENIED","IP":{"source":"198.18.2.3","destination":"198.18.2.4"},
             "source":{"ID":12,"namespace":"cilium-test-1","pod_name":"client"},"destination":{"namespace":"cilium-test-1","pod_name":"client2"},
             "node_name":"kind-worker","is_reply":false}
            """);
        var flow = HubbleFlow.From(doc.RootElement);
        Assert.Equal(new HubbleFlow("DROPPED", "POLICY_DENIED", "cilium-test-1/client", "cilium-test-1/client2", "198.18.2.3", "198.18.2.4", false, "kind-worker"), flow);
    }

    [Fact]
    public void From_NodeSideAndReply_PodEmptyReplyTrue()
    {
        using var doc = JsonDocument.Parse("""
            {"verdict":"FORWARDED","IP":{"source":"198.18.0.2","destination":"198.18.2.3"},"source":{"identity":1,"labels":["reserved:host"]},
             "destination":{"namespace":"n","pod_name":"echo"},"is_reply":true}
            """);
        var flow = HubbleFlow.From(doc.RootElement);
        Assert.Equal("", flow.SourcePod);
        Assert.Equal("n/echo", flow.DestinationPod);
        Assert.True(flow.IsReply);
        Assert.Equal("", flow.DropReason);
    }
}
