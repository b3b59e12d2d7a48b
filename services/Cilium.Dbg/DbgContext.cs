using System.CommandLine;
using Cilium.Dbg.Client;

namespace Cilium.Dbg;

/// <summary>What every command shares: where it writes and the <c>-H/--host</c> option that says where the agent is.</summary>
public sealed record DbgContext(TextWriter Out, TextWriter Error, Option<string?> Host)
{
    /// <summary>
    /// Runs a command body against the agent and turns the failures every command shares into one line on stderr
    /// and exit code 1, as cilium-dbg does.
    /// </summary>
    public async Task<int> RunAsync(ParseResult parse, Func<AgentClient, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            var socket = AgentSocket.Resolve(parse.GetValue(Host), Environment.GetEnvironmentVariable(Contracts.Agent.AgentPaths.SocketEnvironmentVariable));
            using var client = new AgentClient(socket);
            return await body(client);
        }
        catch (Exception e) when (e is AgentUnreachableException or AgentApiException or UsageException)
        {
            await Error.WriteLineAsync($"Error: {e.Message}");
            return 1;
        }
    }
}
