using System.CommandLine;
using System.Globalization;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands.Identities;

/// <summary><c>cilium-dbg identity get &lt;id&gt;</c>. Calls GET /v1/identity/{id}.</summary>
public static class IdentityGetCommand
{
    public static Command Create(DbgContext context)
    {
        var id = new Argument<string>("identity") { Description = "Numeric security identity" };
        var output = OutputOption.Create();
        var command = new Command("get", "Retrieve information about an identity") { id, output };
        command.SetAction((parse, ct) => context.RunAsync(parse, async client =>
        {
            var text = parse.GetValue(id)!;
            if (!uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                throw new UsageException($"invalid identity \"{text}\": expected a number");
            }
            var identity = await client.GetAsync(AgentPaths.Identity(number.ToString(CultureInfo.InvariantCulture)), CiliumJsonContext.Default.Identity, ct);
            if (parse.IsJson(output))
            {
                await JsonText.WriteAsync(context.Out, identity.Json);
                return 0;
            }
            await IdentityTable.WriteAsync(context.Out, [identity.Value]);
            return 0;
        }));
        return command;
    }
}
