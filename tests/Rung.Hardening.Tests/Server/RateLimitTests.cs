using System.Net;
using Rung.Server.Hosting;

namespace Rung.Hardening.Tests.Server;

public sealed class RateLimitTests(HardeningServer server) : IClassFixture<HardeningServer>
{
    [Fact]
    public async Task SignIn_OverThePerUserLimit_Answers429AndChecksNoPassword()
    {
        var limit = new RateLimitOptions().SignInsPerUserPerMinute;
        using var client = server.Client();
        var token = await HardeningServer.AntiforgeryTokenAsync(client, "/signin");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= limit; i++)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["userId"] = "nobody-here",
                ["password"] = "guess " + i,
                ["__RequestVerificationToken"] = token,
            });
            using var response = await client.PostAsync(new Uri("/account/signin", UriKind.Relative), form);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("60", response.Headers.GetValues("Retry-After").Single());
            }
        }

        Assert.All(statuses.Take(limit), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);

        // Another user id from the same address is still let through.
        var (other, response2) = await server.SignInAsync("quinn", HardeningServer.Password);
        using (other)
        using (response2)
        {
            Assert.Equal(HttpStatusCode.Redirect, response2.StatusCode);
        }
    }

    [Fact]
    public void AllowWrite_BurstOverTheLimit_RefusesOnlyThatCaller()
    {
        using var limits = new RateLimits(new RateLimitOptions { WritesPerCallerPerSecond = 5 });

        var first = Enumerable.Range(0, 6).Select(_ => limits.AllowWrite("10.0.0.1", "Bearer a")).ToList();

        Assert.Equal([true, true, true, true, true, false], first);
        Assert.True(limits.AllowWrite("10.0.0.1", "Bearer b"));
        Assert.True(limits.AllowWrite("10.0.0.2", null));
    }

    [Fact]
    public void AllowSignIn_ManyUsersFromOneAddress_StoppedByTheAddressLimit()
    {
        using var limits = new RateLimits(new RateLimitOptions { SignInsPerAddressPerMinute = 3, SignInsPerUserPerMinute = 2 });

        var results = new[] { "a", "b", "c", "d" }.Select(u => limits.AllowSignIn("10.0.0.9", u)).ToList();

        Assert.Equal([true, true, true, false], results);
        Assert.True(limits.AllowSignIn("10.0.0.8", "a"));
    }

    [Fact]
    public void Options_ZeroLimit_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimitOptions { WritesPerCallerPerSecond = 0 }.Validate());
}
