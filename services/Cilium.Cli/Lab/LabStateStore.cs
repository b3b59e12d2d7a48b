using System.Text.Json;

namespace Cilium.Cli.Lab;

/// <summary>Reads and writes <c>lab.json</c>; writes are atomic (temp file + rename) so a crash never leaves half a file.</summary>
public static class LabStateStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static LabState? Load(LabLayout layout)
    {
        if (!File.Exists(layout.StateFile))
        {
            return null;
        }
        return JsonSerializer.Deserialize<LabState>(File.ReadAllText(layout.StateFile), Json);
    }

    public static LabState Require(LabLayout layout) =>
        Load(layout) ?? throw new LabNotFoundException(layout.Name, layout.StateFile);

    public static void Save(LabLayout layout, LabState state)
    {
        Directory.CreateDirectory(layout.Dir);
        var tmp = layout.StateFile + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(state, Json));
        File.Move(tmp, layout.StateFile, overwrite: true);
    }

    public static T? Read<T>(string file) => File.Exists(file) ? JsonSerializer.Deserialize<T>(File.ReadAllText(file), Json) : default;

    public static void Write<T>(string file, T value)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file + ".tmp", JsonSerializer.Serialize(value, Json));
        File.Move(file + ".tmp", file, overwrite: true);
    }
}
