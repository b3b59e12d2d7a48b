using System.CommandLine;
using Cilium.Cli.Infrastructure;
using Cilium.Cli.Lab.Pods;
using Cilium.Cli.Workloads;

namespace Cilium.Cli.Lab;

/// <summary>
/// <c>cilium lab up|down|pod|exec</c>: a kind-like cluster of network namespaces on this machine (ARCHITECTURE 7),
/// plus the hidden workload verbs the connectivity test runs inside pods.
/// </summary>
public static class LabCommand
{
    public static Command Create(CliContext context)
    {
        var lab = new Command("lab", "Run a multi-node Cilium cluster of network namespaces on this machine (like kind)")
        {
            Up(context),
            Down(context),
            Pod(context),
            Exec(context),
            RestartAgent(context),
            EchoServerCommand(),
            HttpGetCommand(),
            HttpSessionCommand(),
        };
        return lab;
    }

    private static Command Up(CliContext context)
    {
        var nodes = new Option<int>("--nodes") { Description = "Number of nodes (a control-plane and workers)", DefaultValueFactory = _ => 3 };
        var command = new Command("up", "Create the lab: node namespaces, underlay, NATS, services, one agent per node") { nodes };
        command.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            var layout = context.Layout(parse);
            try
            {
                var state = await new LabUp(layout, context.Executables, context.Out).RunAsync(parse.GetValue(nodes), ct);
                await context.Out.WriteLineAsync($"Lab \"{state.Name}\" is up: state in {layout.StateFile}");
                await context.Out.WriteLineAsync($"Next: cilium status --wait --name {state.Name}");
                return 0;
            }
            catch (Exception e) when (e is not LabConflictException)
            {
                // A half-built lab is worse than none: remove what this run made, then report why.
                await context.Error.WriteLineAsync($"Error: {e.Message}");
                await context.Error.WriteLineAsync("Removing the partially created lab ...");
                await new LabDown(layout, context.Out).RunAsync(force: true, CancellationToken.None);
                return 1;
            }
        }));
        return command;
    }

    private static Command Down(CliContext context)
    {
        var force = new Option<bool>("--force") { Description = "Also remove leftovers of a crashed lab found by its name" };
        var command = new Command("down", "Delete the lab and everything it created") { force };
        command.SetAction((parse, ct) => context.RunAsync(async () =>
            await new LabDown(context.Layout(parse), context.Out).RunAsync(parse.GetValue(force), ct) ? 0 : 1));
        return command;
    }

    private static Command Pod(CliContext context)
    {
        var pod = new Command("pod", "Create, delete and list pods (network namespaces attached through cilium-cni)");

        var id = new Argument<string>("namespace/name") { Description = "The pod, e.g. default/web" };
        var node = new Option<string?>("--node") { Description = "Node to run on (name or role: control-plane, worker, worker2)" };
        var labels = new Option<string?>("--labels", "-l") { Description = "Labels k=v,k2=v2" };
        var count = new Option<int>("--count") { Description = "Create this many pods, <name>-0 .. <name>-(count-1), concurrently (like a Deployment's replicas); 1: the pod <name>", DefaultValueFactory = _ => 1 };
        var parallel = new Option<int>("--parallel") { Description = "With --count: how many pods are set up at the same time", DefaultValueFactory = _ => 8 };
        var create = new Command("create", "Create a pod through the real CNI plugin") { id, node, labels, count, parallel };
        create.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            var (ns, name) = SplitId(parse.GetValue(id)!);
            var manager = Manager(context, parse);
            var podLabels = PodLabels.Parse(parse.GetValue(labels));
            var replicas = parse.GetValue(count);
            if (replicas is < 1 or > 1000 || parse.GetValue(parallel) is < 1 or > 64)
            {
                throw new ArgumentException("--count must be 1..1000 and --parallel 1..64");
            }
            if (replicas == 1)
            {
                var created = await manager.CreateAsync(ns, name, parse.GetValue(node), podLabels, ct);
                await context.Out.WriteLineAsync(CreatedLine(created));
                return 0;
            }
            var output = new SemaphoreSlim(1, 1);
            var failures = await manager.CreateManyAsync(ns, name, replicas, parse.GetValue(node), podLabels, parse.GetValue(parallel), async pod =>
            {
                await output.WaitAsync(ct);
                try
                {
                    await context.Out.WriteLineAsync(CreatedLine(pod));
                }
                finally
                {
                    output.Release();
                }
            }, ct);
            foreach (var (failed, error) in failures.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                await context.Error.WriteLineAsync($"Error: pod {ns}/{failed}: {error.Message}");
            }
            return failures.Count == 0 ? 0 : 1;
        }));

        var deleteId = new Argument<string>("namespace/name");
        var delete = new Command("delete", "Delete a pod (CNI DEL, then its namespace)") { deleteId };
        delete.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            var manager = Manager(context, parse);
            var found = manager.Find(parse.GetValue(deleteId)!) ?? throw new ArgumentException($"no pod {parse.GetValue(deleteId)}");
            await manager.DeleteAsync(found, ct);
            await context.Out.WriteLineAsync($"pod \"{found.Name}\" deleted from namespace {found.Namespace}");
            return 0;
        }));

        var list = new Command("list", "List the lab's pods");
        list.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            var pods = Manager(context, parse).List();
            await context.Out.WriteLineAsync($"{"NAMESPACE",-16} {"NAME",-20} {"NODE",-22} {"IP",-15} {"NETNS",-40} LABELS");
            foreach (var p in pods)
            {
                await context.Out.WriteLineAsync($"{p.Namespace,-16} {p.Name,-20} {p.Node,-22} {p.Ipv4,-15} {p.Netns,-40} {PodLabels.Format(p.Labels)}");
            }
            return 0;
        }));
        pod.Subcommands.Add(create);
        pod.Subcommands.Add(delete);
        pod.Subcommands.Add(list);
        return pod;
    }

    private static Command Exec(CliContext context)
    {
        var pod = new Argument<string>("pod") { Description = "namespace/name, or a name that is unique" };
        var cmd = new Argument<string[]>("command") { Description = "Command to run inside the pod (after --)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("exec", "Run a command inside a pod's network namespace") { pod, cmd };
        command.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            var found = Manager(context, parse).Find(parse.GetValue(pod)!) ?? throw new ArgumentException($"no pod {parse.GetValue(pod)}");
            var psi = new System.Diagnostics.ProcessStartInfo("ip") { UseShellExecute = false };
            foreach (var a in PodManager.Exec(found, parse.GetValue(cmd)!).Skip(1))
            {
                psi.ArgumentList.Add(a);
            }
            using var process = System.Diagnostics.Process.Start(psi)!;
            await process.WaitForExitAsync(ct);
            return process.ExitCode;
        }));
        return command;
    }

    private static Command RestartAgent(CliContext context)
    {
        var node = new Argument<string>("node");
        var kill = new Option<bool>("--kill") { Description = "Only kill it (SIGKILL), do not start it again" };
        var command = new Command("restart-agent", "Kill a node's agent with SIGKILL and start it again (datapath keeps forwarding)") { node, kill };
        command.Hidden = true;
        command.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            var layout = context.Layout(parse);
            var state = LabStateStore.Require(layout);
            var agent = state.Agents.FirstOrDefault(a => a.Node.Name == parse.GetValue(node) || a.Node.Name == $"{layout.Name}-{parse.GetValue(node)}")
                ?? throw new ArgumentException($"no node {parse.GetValue(node)}");
            await LabProcesses.KillAsync(agent.Pid, layout.Name, ct, force: true);
            await context.Out.WriteLineAsync($"cilium-agent on {agent.Node.Name} (pid {agent.Pid}) killed");
            if (parse.GetValue(kill))
            {
                return 0;
            }
            var pid = new LabUp(layout, context.Executables, context.Out).StartAgent(agent.Node, state);
            LabStateStore.Save(layout, state with { Agents = [.. state.Agents.Select(a => a.Node.Name == agent.Node.Name ? a with { Pid = pid } : a)] });
            await LabReadiness.WaitAgentAsync(agent.Node, pid, TimeSpan.FromSeconds(90), ct);
            await context.Out.WriteLineAsync($"cilium-agent on {agent.Node.Name} restarted (pid {pid}) and ready");
            return 0;
        }));
        return command;
    }

    private static Command EchoServerCommand()
    {
        var port = new Option<int>("--port") { DefaultValueFactory = _ => 8080 };
        var name = new Option<string>("--pod-name") { DefaultValueFactory = _ => Environment.MachineName };
        var command = new Command("echo-server", "HTTP echo workload (runs inside a pod)") { port, name };
        command.Hidden = true;
        command.SetAction(async (parse, ct) =>
        {
            await new EchoServer(parse.GetValue(port), parse.GetValue(name)!).RunAsync(Console.Out, ct);
            return 0;
        });
        return command;
    }

    private static (Option<string> Connect, Option<string> Request) TimeoutOptions() =>
        (new Option<string>("--connect-timeout") { DefaultValueFactory = _ => "2s" },
         new Option<string>("--request-timeout") { DefaultValueFactory = _ => "10s" });

    private static Command HttpGetCommand()
    {
        var url = new Argument<string>("url");
        var (connect, request) = TimeoutOptions();
        var command = new Command("http-get", "HTTP client workload: one GET, curl's exit codes") { url, connect, request };
        command.Hidden = true;
        command.SetAction(async (parse, ct) =>
            await new HttpProbe(new Uri(parse.GetValue(url)!), Durations.Parse(parse.GetValue(connect)!), Durations.Parse(parse.GetValue(request)!)).GetAsync(Console.Out, ct));
        return command;
    }

    private static Command HttpSessionCommand()
    {
        var url = new Argument<string>("url");
        var (connect, request) = TimeoutOptions();
        var command = new Command("http-session", "HTTP client workload: one kept-alive connection, a GET per stdin line") { url, connect, request };
        command.Hidden = true;
        command.SetAction(async (parse, ct) =>
            await new HttpProbe(new Uri(parse.GetValue(url)!), Durations.Parse(parse.GetValue(connect)!), Durations.Parse(parse.GetValue(request)!)).SessionAsync(Console.In, Console.Out, ct));
        return command;
    }

    private static string CreatedLine(PodRecord pod) =>
        $"pod/{pod.Name} created in namespace {pod.Namespace} on {pod.Node}: {pod.Ipv4} (netns {pod.Netns})";

    private static PodManager Manager(CliContext context, ParseResult parse)
    {
        var layout = context.Layout(parse);
        return new PodManager(layout, LabStateStore.Require(layout), context.Executables, context.Out);
    }

    public static (string Namespace, string Name) SplitId(string id)
    {
        var parts = id.Split('/');
        var (ns, name) = parts.Length == 2 ? (parts[0], parts[1]) : ("default", id);
        foreach (var part in new[] { ns, name })
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(part, "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"))
            {
                throw new ArgumentException($"'{part}' is not a valid Kubernetes name");
            }
        }
        return (ns, name);
    }
}
