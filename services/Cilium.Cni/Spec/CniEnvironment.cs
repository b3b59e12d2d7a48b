namespace Cilium.Cni.Spec;

/// <summary>The <c>CNI_*</c> variables of one invocation, checked as the spec defines them.</summary>
public sealed record CniEnvironment(
    CniCommand Command,
    string ContainerId,
    string? Netns,
    string IfName,
    CniArgs Args,
    string? Path)
{
    /// <summary>Reads <c>CNI_COMMAND</c> alone: it decides what else is required.</summary>
    public static CniCommand ParseCommand(Func<string, string?> env)
    {
        var text = env("CNI_COMMAND");
        return text switch
        {
            "ADD" => CniCommand.Add,
            "DEL" => CniCommand.Del,
            "CHECK" => CniCommand.Check,
            "VERSION" => CniCommand.Version,
            null or "" => throw new CniException(CniErrorCode.InvalidEnvironment,
                "CNI_COMMAND is not set; cilium-cni is run by a container runtime with CNI_COMMAND=ADD, DEL, CHECK or VERSION"),
            _ => throw new CniException(CniErrorCode.InvalidEnvironment,
                $"CNI_COMMAND \"{text}\" is not supported; use ADD, DEL, CHECK or VERSION"),
        };
    }

    public static CniEnvironment Parse(CniCommand command, Func<string, string?> env)
    {
        var containerId = Required(env, "CNI_CONTAINERID", "the container's id");
        if (!IsValidContainerId(containerId))
        {
            throw new CniException(CniErrorCode.InvalidEnvironment,
                $"CNI_CONTAINERID \"{containerId}\" is not valid: letters, digits, '_', '.' and '-', starting with a letter or digit");
        }
        var ifName = Required(env, "CNI_IFNAME", "the interface name inside the container, e.g. eth0");
        if (ifName.Length > 15 || ifName is "." or ".." || ifName.Any(c => c is '/' or ':' || char.IsWhiteSpace(c)))
        {
            throw new CniException(CniErrorCode.InvalidEnvironment,
                $"CNI_IFNAME \"{ifName}\" is not a valid interface name (at most 15 characters, no '/', ':' or spaces)");
        }
        // DEL must work when the runtime has already lost the namespace, so only ADD and CHECK insist on it.
        var netns = env("CNI_NETNS") is { Length: > 0 } n ? n : null;
        if (netns is null && command is CniCommand.Add or CniCommand.Check)
        {
            throw new CniException(CniErrorCode.InvalidEnvironment, "CNI_NETNS is not set; it must be the path of the container's network namespace, e.g. /var/run/netns/<name>");
        }
        return new CniEnvironment(command, containerId, netns, ifName, CniArgs.Parse(env("CNI_ARGS")), env("CNI_PATH"));
    }

    private static string Required(Func<string, string?> env, string name, string what) =>
        env(name) is { Length: > 0 } value
            ? value
            : throw new CniException(CniErrorCode.InvalidEnvironment, $"{name} is not set; it must be {what}");

    // No Regex: loading it is measurable in a process that lives for one request.
    private static bool IsValidContainerId(string id) =>
        char.IsAsciiLetterOrDigit(id[0]) && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
}
