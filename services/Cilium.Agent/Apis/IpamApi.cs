using System.Net;
using System.Net.Sockets;
using Cilium.Agent.Ipam;
using Cilium.Contracts.Agent;
using Cilium.Core.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cilium.Agent.Apis;

/// <summary><c>/v1/ipam</c>: pod addresses from the node's pod CIDR, for the CNI plugin.</summary>
public static class IpamApi
{
    public static RouteGroupBuilder MapIpamApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/ipam").WithTags("ipam");
        api.MapPost("/", PostIpam).WithName("PostIpam").WithSummary("Allocate an IP address").ProducesValidationProblem().ProducesProblem(507);
        api.MapPost("/{ip}", PostIpamIp).WithName("PostIpamIP").WithSummary("Allocate a specific IP address").ProducesProblem(409).ProducesValidationProblem();
        api.MapDelete("/{ip}", DeleteIpamIp).WithName("DeleteIpamIP").WithSummary("Release an allocated IP address (or every address of an owner)").ProducesProblem(404);
        return api;
    }

    public static Created<IPAMResponse> PostIpam(string? family, string? owner, PodIpam ipam, AgentStatus status)
    {
        var who = string.IsNullOrEmpty(owner) ? "unknown" : owner;
        IPAddress? v4 = null;
        IPAddress? v6 = null;
        switch (family?.ToLowerInvariant())
        {
            case null or "":
                v4 = ipam.V4 is null ? null : ipam.Allocate(AddressFamily.InterNetwork, who);
                v6 = ipam.V6 is null ? null : ipam.Allocate(AddressFamily.InterNetworkV6, who);
                if (v4 is null && v6 is null)
                {
                    throw new InvalidInputException("family", "this node has no pod CIDR");
                }
                break;
            case "ipv4":
                v4 = ipam.Allocate(AddressFamily.InterNetwork, who);
                break;
            case "ipv6":
                v6 = ipam.Allocate(AddressFamily.InterNetworkV6, who);
                break;
            default:
                throw new InvalidInputException("family", $"'{family}' is not ipv4 or ipv6");
        }
        var response = new IPAMResponse(
            new AddressPair(Ipv4: v4?.ToString(), Ipv6: v6?.ToString()),
            status.HostAddressing,
            v4 is null ? null : new IPAMAddressResponse(v4.ToString(), ipam.RouterV4?.ToString(), [ipam.V4!.ToString()!]),
            v6 is null ? null : new IPAMAddressResponse(v6.ToString(), ipam.RouterV6?.ToString(), [ipam.V6!.ToString()!]));
        return TypedResults.Created($"/v1/ipam/{v4 ?? v6}", response);
    }

    public static Ok PostIpamIp(string ip, string? owner, PodIpam ipam)
    {
        if (!IPAddress.TryParse(ip, out var address))
        {
            throw new InvalidInputException("ip", $"'{ip}' is not an IP address");
        }
        ipam.AllocateSpecific(address, string.IsNullOrEmpty(owner) ? "unknown" : owner);
        return TypedResults.Ok();
    }

    public static Results<Ok, ProblemHttpResult> DeleteIpamIp(string ip, PodIpam ipam) =>
        ipam.Release(Uri.UnescapeDataString(ip)) > 0
            ? TypedResults.Ok()
            : TypedResults.Problem($"{ip} is not allocated", statusCode: 404, title: "Not found");
}
