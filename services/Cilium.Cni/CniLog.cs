using System.Globalization;

namespace Cilium.Cni;

/// <summary>
/// One line per invocation appended to the config's <c>log-file</c>: the runtime usually shows only the error
/// message, this keeps what happened on the node. Logging never fails a pod operation.
/// </summary>
public sealed class CniLog(string? path)
{
    public void Write(string line)
    {
        if (string.IsNullOrEmpty(path))
        {
            return;
        }
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.AppendAllText(path, $"{DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)} pid={Environment.ProcessId} {line}\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
