using System.Runtime.InteropServices;

namespace Cilium.Cni.Network;

/// <summary>libc calls the plugin needs; each answers for the calling thread's network namespace.</summary>
internal static partial class Interop
{
    [LibraryImport("libc", EntryPoint = "if_nametoindex", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial uint IfNameToIndex(string name);
}
