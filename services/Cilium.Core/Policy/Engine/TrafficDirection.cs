namespace Cilium.Core.Policy.Engine;

/// <summary>The direction byte of a policy map key: 0 ingress, 1 egress (<c>pkg/maps/policymap/policymap.go</c>).</summary>
public enum TrafficDirection : byte
{
    Ingress = 0,
    Egress = 1,
}
