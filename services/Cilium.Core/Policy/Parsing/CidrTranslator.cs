using System.Net;
using Cilium.Contracts.Policy;
using Cilium.Core.Errors;
using Cilium.Core.Policy.Selectors;

namespace Cilium.Core.Policy.Parsing;

/// <summary>Validates <c>fromCIDR</c>/<c>toCIDR</c> and <c>fromCIDRSet</c>/<c>toCIDRSet</c> (<c>pkg/policy/api/cidr.go</c>).</summary>
internal static class CidrTranslator
{
    public static void AddCidrs(List<CidrSelector> selectors, IReadOnlyList<string>? cidrs, string path)
    {
        if (cidrs is null)
        {
            return;
        }
        for (var i = 0; i < cidrs.Count; i++)
        {
            selectors.Add(new CidrSelector(ParsePrefix(cidrs[i], $"{path}[{i}]")));
        }
    }

    public static void AddCidrSet(List<CidrSelector> selectors, IReadOnlyList<CidrRule>? set, string path)
    {
        if (set is null)
        {
            return;
        }
        for (var i = 0; i < set.Count; i++)
        {
            var field = $"{path}[{i}]";
            var rule = set[i] ?? throw new InvalidInputException(field, "must not be null");
            var given = (rule.Cidr is not null ? 1 : 0) + (rule.CidrGroupRef is not null ? 1 : 0) + (rule.CidrGroupSelector is not null ? 1 : 0);
            if (given != 1)
            {
                throw new InvalidInputException(field, "exactly one of cidr, cidrGroupRef and cidrGroupSelector is required");
            }
            if (rule.CidrGroupRef is not null)
            {
                throw new InvalidInputException($"{field}.cidrGroupRef", "not supported yet: CiliumCIDRGroup resources are not implemented");
            }
            if (rule.CidrGroupSelector is not null)
            {
                throw new InvalidInputException($"{field}.cidrGroupSelector", "not supported yet: CiliumCIDRGroup resources are not implemented");
            }
            var prefix = ParsePrefix(rule.Cidr, $"{field}.cidr");
            var except = new List<IPNetwork>();
            if (rule.Except is not null)
            {
                for (var e = 0; e < rule.Except.Count; e++)
                {
                    var exceptField = $"{field}.except[{e}]";
                    var inner = ParsePrefix(rule.Except[e], exceptField);
                    if (!CidrSelector.Covers(prefix, inner))
                    {
                        throw new InvalidInputException(exceptField, $"{inner} is not inside {prefix}");
                    }
                    except.Add(inner);
                }
            }
            selectors.Add(new CidrSelector(prefix, except));
        }
    }

    public static IPNetwork ParsePrefix(string? text, string field) =>
        CidrText.TryParse(text, out var prefix)
            ? prefix.Value
            : throw new InvalidInputException(field, $"'{text}' is not a CIDR prefix (address/length)");
}
