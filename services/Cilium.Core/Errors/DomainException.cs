namespace Cilium.Core.Errors;

/// <summary>
/// Base of the errors the domain reports to callers. Hosts map each subtype to one status code in one place
/// (ServiceDefaults' problem handler); the domain itself knows nothing of HTTP.
/// </summary>
public abstract class DomainException(string message) : Exception(message);

/// <summary>Input that breaks a rule; <see cref="Field"/> is the path of the offending field.</summary>
public sealed class InvalidInputException(string field, string reason) : DomainException($"{field}: {reason}")
{
    public string Field { get; } = field;
    public string Reason { get; } = reason;
}

/// <summary>The object named does not exist.</summary>
public sealed class NotFoundException(string what) : DomainException($"{what} not found")
{
    public string What { get; } = what;
}

/// <summary>The request conflicts with the current state (an IP already claimed, a reserved identity, ...).</summary>
public sealed class ConflictException(string message) : DomainException(message);

/// <summary>A finite resource (an identity range, an IP pool) has no room left.</summary>
public sealed class CapacityExhaustedException(string message) : DomainException(message);
