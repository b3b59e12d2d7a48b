using System.Text.RegularExpressions;
using Cilium.Testing;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Cilium.Deploy.Tests;

/// <summary>
/// No container engine runs on the project's machines, so docker-compose.yml is checked statically: it parses,
/// every built service names a Dockerfile that exists, and that Dockerfile publishes a project that exists.
/// </summary>
public sealed partial class DockerComposeTests
{
    private static readonly string ComposePath = Path.Combine(RepoPaths.Root, "docker-compose.yml");

    [Fact]
    public void Compose_File_ParsesWithServices()
    {
        var services = LoadServices();

        Assert.Contains("nats", services.Keys);
        Assert.Contains("identity", services.Keys);
    }

    [Fact]
    public void Compose_EveryBuiltService_NamesAnExistingDockerfileThatPublishesAnExistingProject()
    {
        var built = LoadServices().Where(s => s.Value.Children.ContainsKey("build")).ToArray();

        Assert.NotEmpty(built);
        foreach (var (name, service) in built)
        {
            var build = (YamlMappingNode)service["build"];
            var context = Path.GetFullPath(Path.Combine(RepoPaths.Root, ((YamlScalarNode)build["context"]).Value!));
            var dockerfile = Path.Combine(context, ((YamlScalarNode)build["dockerfile"]).Value!);
            Assert.True(File.Exists(dockerfile), $"service {name}: no Dockerfile at {dockerfile}");
            var text = File.ReadAllText(dockerfile);
            var project = PublishedProject().Match(text);
            Assert.True(project.Success, $"service {name}: {dockerfile} publishes no .csproj");
            Assert.True(File.Exists(Path.Combine(context, project.Groups[1].Value)), $"service {name}: project {project.Groups[1].Value} does not exist");
            var entry = EntryPoint().Match(text);
            Assert.True(entry.Success, $"service {name}: {dockerfile} has no dotnet entry point");
            Assert.Contains($"<AssemblyName>{entry.Groups[1].Value}</AssemblyName>", File.ReadAllText(Path.Combine(context, project.Groups[1].Value)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Compose_Services_UseTheNatsServiceWithJetStream()
    {
        var services = LoadServices();
        var natsConfig = File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy/nats/nats-server.conf"));

        Assert.Contains("jetstream", natsConfig, StringComparison.Ordinal);
        foreach (var (name, service) in services.Where(s => s.Key != "nats"))
        {
            var env = (YamlMappingNode)service["environment"];
            Assert.Equal("nats://nats:4222", ((YamlScalarNode)env["Nats__Url"]).Value);
            Assert.Contains(((YamlSequenceNode)service["depends_on"]).Children, d => ((YamlScalarNode)d).Value == "nats");
        }
    }

    private static Dictionary<string, YamlMappingNode> LoadServices()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(ComposePath))
        {
            yaml.Load(reader);
        }
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return ((YamlMappingNode)root["services"]).Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => (YamlMappingNode)c.Value);
    }

    [GeneratedRegex(@"dotnet publish (\S+\.csproj)")]
    private static partial Regex PublishedProject();

    [GeneratedRegex(@"ENTRYPOINT \[""dotnet"", ""([^""]+)\.dll""\]")]
    private static partial Regex EntryPoint();
}
