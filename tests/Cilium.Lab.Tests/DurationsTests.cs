using Cilium.Cli.Infrastructure;
using Xunit;

namespace Cilium.Lab.Tests;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5s", 1_500)]
    public void Parse_GoDuration_ReturnsMilliseconds(string text, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Durations.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("s")]
    [InlineData("10x")]
    public void TryParse_Malformed_ReturnsFalse(string text) => Assert.False(Durations.TryParse(text, out _));
}
