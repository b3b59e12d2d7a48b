using Microsoft.Extensions.Logging;

namespace Cilium.Bpf;

/// <summary>One log line per loader step: open, configure, load, pin, attach, detach.</summary>
internal static partial class DatapathLog
{
    [LoggerMessage(1, LogLevel.Information, "bpf: open {Object}")]
    public static partial void Open(ILogger logger, string @object);

    [LoggerMessage(2, LogLevel.Information, "bpf: configure {Object}: {Settings}")]
    public static partial void Configure(ILogger logger, string @object, string settings);

    [LoggerMessage(3, LogLevel.Information, "bpf: load {Object}")]
    public static partial void Load(ILogger logger, string @object);

    [LoggerMessage(4, LogLevel.Information, "bpf: pin {What} under {Path}")]
    public static partial void Pin(ILogger logger, string what, string path);

    [LoggerMessage(5, LogLevel.Information, "bpf: attach endpoint {EndpointId} to ifindex {Ifindex} in netns {Netns} (tc ingress {FromProgram}, tc egress {ToProgram})")]
    public static partial void Attach(ILogger logger, ushort endpointId, int ifindex, string netns, uint fromProgram, uint toProgram);

    [LoggerMessage(6, LogLevel.Information, "bpf: detach endpoint {EndpointId} from ifindex {Ifindex} in netns {Netns}")]
    public static partial void Detach(ILogger logger, ushort endpointId, int ifindex, string netns);

    [LoggerMessage(7, LogLevel.Warning, "bpf: {Map} is already pinned with {Pinned} entries, not the configured {Configured}: keeping the pinned map")]
    public static partial void SizeMismatch(ILogger logger, string map, uint pinned, uint configured);

    [LoggerMessage(8, LogLevel.Information, "bpf: unpin {What} at {Path}")]
    public static partial void Unpin(ILogger logger, string what, string path);
}
