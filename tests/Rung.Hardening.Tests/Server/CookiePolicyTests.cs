using System.Net;
using Microsoft.AspNetCore.Http;
using Rung.Governance.Identity;
using Rung.Server.Hosting;

namespace Rung.Hardening.Tests.Server;

/// <summary>Session and antiforgery cookies: HttpOnly and SameSite=Strict always; the session cookie is Secure unless the listener is loopback-only.</summary>
public sealed class CookiePolicyTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", CookieSecurePolicy.SameAsRequest)]
    [InlineData("http://localhost:5080", CookieSecurePolicy.SameAsRequest)]
    [InlineData("http://[::1]:5080", CookieSecurePolicy.SameAsRequest)]
    [InlineData("http://0.0.0.0:5080", CookieSecurePolicy.Always)]
    [InlineData("http://*:5080", CookieSecurePolicy.Always)]
    [InlineData("http://+:5080", CookieSecurePolicy.Always)]
    [InlineData("https://rung.plant.local:443", CookieSecurePolicy.Always)]
    [InlineData("http://10.1.0.10:5080", CookieSecurePolicy.Always)]
    public void PolicyFor_Listener_SecureUnlessLoopback(string url, CookieSecurePolicy expected) =>
        Assert.Equal(expected, CookieSecurity.PolicyFor([url]));

    [Fact]
    public void PolicyFor_LoopbackAndAnotherAddress_Secure() =>
        Assert.Equal(CookieSecurePolicy.Always, CookieSecurity.PolicyFor(["http://127.0.0.1:5080", "http://10.1.0.10:5080"]));

    [Fact]
    public async Task SignIn_LoopbackOnlyListener_CookiesNotSecureButHttpOnlyAndStrict()
    {
        await using var server = await SmallServer.StartAsync("http://127.0.0.1:0");
        var (antiforgery, session) = await SignInCookiesAsync(server);

        foreach (var cookie in new[] { antiforgery, session })
        {
            Assert.DoesNotContain("secure", Attributes(cookie));
            Assert.Contains("httponly", Attributes(cookie));
            Assert.Contains("samesite=strict", Attributes(cookie));
        }
    }

    [Fact]
    public async Task SignIn_ListenerOnEveryAddress_SessionCookieSecureEvenOverPlainHttp()
    {
        await using var server = await SmallServer.StartAsync("http://0.0.0.0:0");
        var (antiforgery, session) = await SignInCookiesAsync(server);

        Assert.Contains("secure", Attributes(session));
        Assert.Contains("httponly", Attributes(session));
        Assert.Contains("samesite=strict", Attributes(session));
        // The antiforgery cookie is no credential and follows the request, so the sign-in page still renders.
        Assert.DoesNotContain("secure", Attributes(antiforgery));
        Assert.Contains("httponly", Attributes(antiforgery));
    }

    private static string[] Attributes(string setCookie) =>
        [.. setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant())];

    /// <summary>Signs a person in through the form, passing cookies by hand (a client drops Secure cookies over HTTP); returns both Set-Cookie lines.</summary>
    private static async Task<(string Antiforgery, string Session)> SignInCookiesAsync(SmallServer server)
    {
        await server.Identity.AddUserAsync("otto", "Otto Operator", [Role.Operator], [HardeningServer.Line3], HardeningServer.Password, "system");
        using var client = server.Client();
        using var page = await client.GetAsync(new Uri("/signin", UriKind.Relative));
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var html = await page.Content.ReadAsStringAsync();
        const string marker = "name=\"__RequestVerificationToken\" value=\"";
        var start = html.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["userId"] = "otto",
                ["password"] = HardeningServer.Password,
                ["returnUrl"] = "/",
                ["__RequestVerificationToken"] = html[start..html.IndexOf('"', start)],
            }),
        };
        request.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("rung.console=", StringComparison.Ordinal));
        return (antiforgery, session);
    }
}
