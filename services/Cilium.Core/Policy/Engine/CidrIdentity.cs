using System.Net;

namespace Cilium.Core.Policy.Engine;

/// <summary>A node-local CIDR identity: the agent puts <see cref="Prefix"/> -> <see cref="Identity"/> into its ipcache.</summary>
public readonly record struct CidrIdentity(IPNetwork Prefix, uint Identity);
