extern alias plugin;

using System.Net;
using System.Text;
using plugin::Cilium.Cni.Agent;
using Xunit;

namespace Cilium.Cni.Tests;

/// <summary>The plugin's HTTP/1.1 answers: the three body framings of RFC 9112 and answers cut short.</summary>
public sealed class UnixHttpExchangeTests
{
    [Fact]
    public void Parse_ContentLength_TakesExactlyThatManyBytes()
    {
        var r = UnixHttpExchange.Parse(Bytes("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\ncontent-length: 7\r\n\r\n{\"a\":1}"));

        Assert.Equal(HttpStatusCode.Created, r.Status);
        Assert.True(r.IsSuccess);
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(r.Body));
    }

    [Fact]
    public void Parse_Chunked_JoinsTheChunksAndIgnoresExtensionsAndTrailers()
    {
        var r = UnixHttpExchange.Parse(Bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\n{\"a\"\r\nA\r\n:12345678}\r\n0\r\nX-Trailer: y\r\n\r\n"));

        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal("{\"a\":12345678}", Encoding.UTF8.GetString(r.Body));
    }

    [Fact]
    public void Parse_NoFraming_BodyRunsToTheEndOfTheConnection()
    {
        var r = UnixHttpExchange.Parse(Bytes("HTTP/1.1 404 Not Found\r\nContent-Type: application/problem+json\r\n\r\n{\"title\":\"Not Found\"}"));

        Assert.Equal(HttpStatusCode.NotFound, r.Status);
        Assert.False(r.IsSuccess);
        Assert.Equal("{\"title\":\"Not Found\"}", Encoding.UTF8.GetString(r.Body));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n")]                       // headers never end
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345")]             // body shorter than announced
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n1234")] // cut inside a chunk
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")]    // not a chunk size
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n\r\n")]                                     // not HTTP at all
    public void Parse_CutShortOrNotHttp_IsInvalidData(string message)
    {
        Assert.Throws<InvalidDataException>(() => UnixHttpExchange.Parse(Bytes(message)));
    }

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);
}
