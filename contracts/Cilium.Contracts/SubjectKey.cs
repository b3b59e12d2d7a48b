using System.Text;

namespace Cilium.Contracts;

/// <summary>
/// Turns a key part (a Kubernetes name, an IP, a label) into one valid NATS subject token and back.
/// Letters, digits, '-' and '_' stay as they are; every other byte of the UTF-8 text becomes '%' and two
/// upper-case hex digits, so '.', '*', '>' and white space never reach the subject. The encoding is
/// reversible and stable: it is part of the public contract.
/// </summary>
public static class SubjectKey
{
    /// <summary>The namespace token of cluster-scoped objects. '_' alone cannot be the encoding of a real namespace.</summary>
    public const string NoNamespace = "_";

    public static string Encode(string part)
    {
        ArgumentException.ThrowIfNullOrEmpty(part);
        var sb = new StringBuilder(part.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(part))
        {
            var c = (char)b;
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }

    public static string Decode(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var bytes = new List<byte>(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] == '%')
            {
                if (i + 2 >= token.Length)
                {
                    throw new FormatException($"truncated escape in subject token '{token}'");
                }
                bytes.Add(Convert.ToByte(token.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)token[i]);
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
