using System.Diagnostics;
using System.Formats.Tar;
using System.Text.Json;
using Cilium.Testing;

namespace Cilium.Cni.Tests.Support;

/// <summary>
/// Debian's podman with its CNI network backend, private to one test run <c>cpd-&lt;run&gt;</c>: a containers.conf
/// given through <c>CONTAINERS_CONF</c> (the only one podman then reads), storage, run and lock directories under
/// <see cref="Dir"/>, the agent's own CNI config dir as podman's network config dir (the <c>05-cilium.conflist</c>
/// the agent writes when ready: network <c>cilium</c>, plugin <c>cilium-cni</c>, the agent's socket), the build
/// output as the plugin dir, and an image imported from busybox-static, so no registry is involved.
/// <para>
/// Every podman command runs with the node's network namespace (<c>nsenter --net</c>), because a runtime runs its
/// CNI plugins in its own namespace: the host-side veth lands in the node, never in the machine's namespace. Not
/// <c>ip netns exec</c>: it gives each command a mount namespace of its own, so the bind mount under /run/netns that
/// <c>podman run</c> makes for a container's network namespace would be gone for the later <c>podman rm</c>.
/// </para>
/// </summary>
internal sealed class Podman : IAsyncDisposable
{
    /// <summary>The pod namespace the containers are given through <c>CNI_ARGS</c>.</summary>
    public const string PodNamespace = "podman";

    public const string IndexPage = "index.html";

    private const string CniDataDir = "/var/lib/cni";

    private static readonly string[] Applets = ["sh", "httpd", "wget", "ip", "sleep", "cat", "timeout"];

    private readonly CniNode _node;
    private readonly string _podman;
    private readonly List<PodmanContainer> _containers = [];
    private readonly List<string> _containerIds = [];
    private readonly bool _cniDataDirExisted = Directory.Exists(CniDataDir);

    private Podman(CniNode node)
    {
        _node = node;
        _podman = Tools.Require("podman", "podman");
        Tools.Require("runc", "runc");
        RunId = Testing.RunId.New();
        Dir = Path.Combine(Path.GetTempPath(), $"cpd-{RunId}");
        Network = "cilium";
        Image = $"localhost/cpd-busybox-{RunId}:1";
        CgroupParent = $"/cpd-{RunId}";
        ContainersConf = Path.Combine(Dir, "containers.conf");
        NetworkConfigDir = Path.Combine(node.Dir, "net.d");
        PluginDir = Path.GetDirectoryName(CniPlugin.Dll)!;
    }

    public string RunId { get; }
    public string Dir { get; }
    public string Network { get; }
    public string Image { get; }
    public string CgroupParent { get; }
    public string ContainersConf { get; }
    public string NetworkConfigDir { get; }

    /// <summary>The build output holding the <c>cilium-cni</c> executable (the apphost beside cilium-cni.dll).</summary>
    public string PluginDir { get; }

    /// <summary>What <see cref="IndexPage"/> of the image's web root says: unique to the run.</summary>
    public string PageText => $"served by podman run {RunId}";

    /// <summary>Writes the configuration and imports the image; on any failure everything made so far is removed.</summary>
    public static async Task<Podman> StartAsync(CniNode node)
    {
        var podman = new Podman(node);
        try
        {
            await podman.InitializeAsync();
            return podman;
        }
        catch
        {
            await podman.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(PluginDir, "cilium-cni")))
        {
            throw new InvalidOperationException($"{PluginDir} has no cilium-cni executable (the apphost of Cilium.Cni); build with UseAppHost");
        }
        var (busyboxStatic, _, _) = await Shell.RunAsync("dpkg-query", ["-W", "-f=${Status}", "busybox-static"]);
        if (busyboxStatic != 0 || !File.Exists("/bin/busybox"))
        {
            throw new InvalidOperationException("busybox-static is not installed; run scripts/prereqs.sh (or apt-get install -y busybox-static) first");
        }
        // The agent writes it right after it turns ready, so it may be a moment behind /readyz.
        var conflist = Path.Combine(NetworkConfigDir, "05-cilium.conflist");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!File.Exists(conflist))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the agent has not written {conflist}:\n{_node.AgentLog}");
            }
            await Task.Delay(100);
        }
        Directory.CreateDirectory(Path.Combine(Dir, "tmp"));
        await File.WriteAllTextAsync(ContainersConf, ContainersConfText());
        var rootfs = Path.Combine(Dir, "rootfs.tar");
        WriteRootfs(rootfs);
        await CheckedAsync(["import", "--change", "CMD [\"/bin/sh\"]", rootfs, Image]);
    }

    /// <summary>
    /// The containers.conf of the run. runc, not Debian's default crun: crun refuses machines whose cgroups are
    /// mounted in hybrid mode (v1 controllers plus a v2 hierarchy with controllers), which some CI machines are.
    /// The lower ulimits: podman's rootful default (1048576 open files) is more than such machines let root raise to.
    /// </summary>
    private string ContainersConfText() => $"""
        [containers]
        default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]

        [network]
        network_backend = "cni"
        cni_plugin_dirs = ["{PluginDir}"]
        network_config_dir = "{NetworkConfigDir}"

        [engine]
        runtime = "runc"
        cgroup_manager = "cgroupfs"
        events_logger = "none"
        lock_type = "file"
        tmp_dir = "{Path.Combine(Dir, "tmp")}"
        image_copy_tmp_dir = "{Path.Combine(Dir, "tmp")}"

        """;

    /// <summary>A root filesystem of one static busybox, its applets as symlinks, and a web root with one page.</summary>
    private void WriteRootfs(string path)
    {
        using var stream = File.Create(path);
        using var tar = new TarWriter(stream, TarEntryFormat.Pax);
        foreach (var dir in new[] { "bin", "www", "tmp" })
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, dir + "/") { Mode = Mode755 });
        }
        using (var busybox = File.OpenRead("/bin/busybox"))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "bin/busybox") { Mode = Mode755, DataStream = busybox });
        }
        foreach (var applet in Applets)
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, $"bin/{applet}") { LinkName = "busybox", Mode = Mode755 });
        }
        using var page = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(PageText + "\n"));
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"www/{IndexPage}") { Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, DataStream = page });
    }

    private static UnixFileMode Mode755 =>
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>
    /// <c>podman run -d --network cilium-&lt;run&gt;</c> with the pod's namespace and labels in <c>CNI_ARGS</c>
    /// (podman hands its own <c>CNI_ARGS</c> on to the plugin, after <c>K8S_POD_NAME=&lt;container name&gt;</c>).
    /// </summary>
    public async Task<PodmanContainer> RunAsync(string name, string labels, params string[] command)
    {
        var (exit, output, error) = await PodmanAsync(
            ["run", "-d", "--name", name, "--network", Network, "--cgroup-parent", CgroupParent, Image, .. command],
            $"K8S_POD_NAMESPACE={PodNamespace};CILIUM_LABELS={labels}");
        Remember(output.Trim());
        if (exit != 0)
        {
            throw new InvalidOperationException($"podman run {name} exited {exit}: {error}{output}\ncilium-cni log:\n{CniLog()}");
        }
        var container = await InspectAsync(name);
        lock (_containers)
        {
            _containers.Add(container);
        }
        return container;
    }

    private void Remember(string id)
    {
        lock (_containerIds)
        {
            if (id.Length == 64 && !_containerIds.Contains(id))
            {
                _containerIds.Add(id);
            }
        }
    }

    public async Task<PodmanContainer> InspectAsync(string name)
    {
        using var doc = JsonDocument.Parse(await CheckedAsync(["inspect", "--type", "container", name]));
        var c = doc.RootElement[0];
        var settings = c.GetProperty("NetworkSettings");
        var state = c.GetProperty("State");
        return new PodmanContainer(
            name,
            c.GetProperty("Id").GetString()!,
            settings.GetProperty("Networks").GetProperty(Network).GetProperty("IPAddress").GetString()!,
            settings.GetProperty("SandboxKey").GetString()!,
            state.GetProperty("Pid").GetInt32(),
            state.GetProperty("ConmonPid").GetInt32());
    }

    /// <summary><c>podman inspect --format</c>: a Go template over the container, as a user would query it.</summary>
    public async Task<string> FormatAsync(string name, string template) =>
        (await CheckedAsync(["inspect", "--type", "container", "--format", template, name])).Trim();

    public Task<(int ExitCode, string Output, string Error)> ExecAsync(string name, params string[] command) =>
        PodmanAsync(["exec", name, .. command]);

    /// <summary><c>podman restart</c>: the stop runs CNI DEL, the start CNI ADD, for the same container id.</summary>
    public Task RestartAsync(string name) => CheckedAsync(["restart", "-t", "0", name]);

    /// <summary><c>podman rm -f</c>: stops the container and runs CNI DEL.</summary>
    public Task RemoveAsync(string name) => CheckedAsync(["rm", "-f", "-t", "0", name]);

    /// <summary>The plugin's log, for failure messages.</summary>
    public string CniLog()
    {
        var log = Path.Combine(_node.Dir, "state", "cilium-cni.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no cilium-cni log)";
    }

    private async Task<string> CheckedAsync(IReadOnlyList<string> args)
    {
        var (exit, output, error) = await PodmanAsync(args);
        return exit == 0 ? output : throw new InvalidOperationException($"podman {string.Join(' ', args)} exited {exit}: {error}{output}");
    }

    private Task<(int ExitCode, string Output, string Error)> PodmanAsync(IReadOnlyList<string> args, string cniArgs = "") =>
        Shell.RunAsync("nsenter",
            [
                $"--net=/run/netns/{_node.NodeNetns}", _podman,
                "--root", Path.Combine(Dir, "root"), "--runroot", Path.Combine(Dir, "runroot"), "--storage-driver", "vfs",
                .. args,
            ],
            env: new Dictionary<string, string> { ["CONTAINERS_CONF"] = ContainersConf, ["CNI_ARGS"] = cniArgs });

    /// <summary>
    /// podman removes its containers (CNI DEL for each); whatever a failure left behind is then removed by the ids
    /// and paths this run recorded: runc state, conmon processes, namespace mounts, mounts under <see cref="Dir"/>,
    /// the cgroup parent, libcni's cached results for the run's network, and the directory itself.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Directory.Exists(Dir) && File.Exists(ContainersConf))
        {
            var (_, listed, _) = await PodmanAsync(["ps", "-a", "-q", "--no-trunc"]);
            foreach (var id in listed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Remember(id);
            }
            await PodmanAsync(["rm", "-a", "-f", "-t", "0"]);
        }
        List<string> ids;
        lock (_containerIds)
        {
            ids = [.. _containerIds];
        }
        foreach (var id in ids)
        {
            await Shell.RunAsync("runc", ["delete", "--force", id]);
        }
        List<PodmanContainer> containers;
        lock (_containers)
        {
            containers = [.. _containers];
        }
        foreach (var c in containers)
        {
            KillIfConmon(c.ConmonPid);
            if (File.Exists(c.Netns))
            {
                await Shell.RunAsync("umount", [c.Netns]);
                File.Delete(c.Netns);
            }
        }
        foreach (var mount in MountsUnder(Dir))
        {
            await Shell.RunAsync("umount", ["-l", mount]);
        }
        RemoveCgroups();
        RemoveCniCache(ids);
        if (Directory.Exists(Dir))
        {
            Directory.Delete(Dir, recursive: true);
        }
    }

    private void KillIfConmon(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            // The pid was recorded for this run's container: kill it only while it still is that conmon.
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline");
            if (cmdline.Contains("conmon", StringComparison.Ordinal) && cmdline.Contains(Dir, StringComparison.Ordinal))
            {
                process.Kill();
            }
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
        {
        }
    }

    private static IEnumerable<string> MountsUnder(string dir) =>
        File.ReadAllLines("/proc/self/mountinfo")
            .Select(l => l.Split(' ')[4])
            .Where(m => m.StartsWith(dir + "/", StringComparison.Ordinal))
            .OrderByDescending(m => m.Length)
            .ToList();

    /// <summary>The cgroup parent in every hierarchy (v2, or each v1 controller), children first; rmdir is how cgroups go.</summary>
    private void RemoveCgroups()
    {
        var roots = new List<string> { "/sys/fs/cgroup" + CgroupParent };
        if (Directory.Exists("/sys/fs/cgroup"))
        {
            roots.AddRange(Directory.GetDirectories("/sys/fs/cgroup").Select(h => h + CgroupParent));
        }
        foreach (var root in roots.Where(Directory.Exists))
        {
            foreach (var dir in Directory.GetDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).Append(root))
            {
                try
                {
                    Directory.Delete(dir);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    /// <summary>libcni keeps each attachment's result under /var/lib/cni/results/&lt;network&gt;-&lt;container&gt;-&lt;ifname&gt;.</summary>
    private void RemoveCniCache(IEnumerable<string> containerIds)
    {
        var results = Path.Combine(CniDataDir, "results");
        if (Directory.Exists(results))
        {
            foreach (var file in containerIds.SelectMany(id => Directory.GetFiles(results, $"{Network}-{id}-*")))
            {
                File.Delete(file);
            }
        }
        if (_cniDataDirExisted)
        {
            return;
        }
        foreach (var dir in new[] { results, CniDataDir })
        {
            try
            {
                if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any())
                {
                    Directory.Delete(dir);
                }
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>A running podman container: its name and id, its address on the run's network, its namespace and processes.</summary>
internal sealed record PodmanContainer(string Name, string Id, string Ip, string Netns, int Pid, int ConmonPid);
