using System.Net;
using Microsoft.AspNetCore.Http;

namespace Rung.Server.Hosting;

/// <summary>
/// When the console's cookies (session and antiforgery) are Secure: always, unless every address the server listens
/// on is a loopback address. A loopback-only listener (the local demo over plain <c>http://127.0.0.1</c>) gets
/// <see cref="CookieSecurePolicy.SameAsRequest"/>, since nothing off the machine can reach it and a browser would
/// drop a Secure cookie over plain HTTP; any other listener could be reached over the plant network, where a
/// session cookie must never travel in clear text, so it gets <see cref="CookieSecurePolicy.Always"/> (serve it
/// behind TLS, or the browser will not send the cookie back and nobody can sign in).
/// </summary>
public static class CookieSecurity
{
    /// <summary>The secure policy for a server listening on <paramref name="urls"/>.</summary>
    public static CookieSecurePolicy PolicyFor(IEnumerable<string> urls) =>
        IsLoopbackOnly(urls) ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    /// <summary>True when every URL's host is <c>localhost</c> or a loopback address (and there is at least one).</summary>
    public static bool IsLoopbackOnly(IEnumerable<string> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var any = false;
        foreach (var url in urls)
        {
            any = true;
            if (!IsLoopback(url))
            {
                return false;
            }
        }

        return any;
    }

    private static bool IsLoopback(string url)
    {
        // Kestrel's wildcards ("*", "+") do not parse as a URI host; they listen everywhere.
        var at = url.IndexOf("://", StringComparison.Ordinal);
        var rest = at < 0 ? url : url[(at + 3)..];
        var host = rest.StartsWith('[') ? rest[1..Math.Max(1, rest.IndexOf(']', StringComparison.Ordinal))] : rest.Split(':', '/')[0];
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
