using System.Text;
using System.Text.RegularExpressions;

namespace Rung.Runtime.Tests.Notifications;

/// <summary>Reads the parts of a received message the tests assert on: headers (unfolded, decoded) and the body.</summary>
internal static partial class MailText
{
    public static Dictionary<string, string> Headers(string data)
    {
        var head = data[..data.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        var unfolded = head.Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", " ", StringComparison.Ordinal);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in unfolded.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon]] = DecodeWords(line[(colon + 1)..].Trim());
        }

        return headers;
    }

    /// <summary>The body, quoted-printable decoded when the headers say so.</summary>
    public static string Body(string data)
    {
        var split = data.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var body = data[(split + 4)..];
        var encoding = Headers(data).GetValueOrDefault("Content-Transfer-Encoding", "7bit");
        return encoding.Equals("quoted-printable", StringComparison.OrdinalIgnoreCase) ? DecodeQuotedPrintable(body) : body;
    }

    private static string DecodeQuotedPrintable(string text)
    {
        var joined = text.Replace("=\r\n", string.Empty, StringComparison.Ordinal);
        var bytes = new List<byte>();
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=' && i + 2 < joined.Length && Uri.IsHexDigit(joined[i + 1]) && Uri.IsHexDigit(joined[i + 2]))
            {
                bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static string DecodeWords(string value) =>
        EncodedWord().Replace(value, m => m.Groups["enc"].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups["text"].Value))
            : DecodeQuotedPrintable(m.Groups["text"].Value.Replace('_', ' ')));

    [GeneratedRegex(@"=\?utf-8\?(?<enc>[BQ])\?(?<text>[^?]*)\?=\s*", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWord();
}
