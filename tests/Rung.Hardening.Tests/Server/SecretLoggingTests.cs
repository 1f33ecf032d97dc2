using System.Net;

namespace Rung.Hardening.Tests.Server;

/// <summary>Passwords and API tokens never reach the logs, whether a sign-in or a token use succeeds or fails.</summary>
public sealed class SecretLoggingTests(HardeningServer server) : IClassFixture<HardeningServer>
{
    [Fact]
    public async Task SignInAndTokenUse_RightAndWrong_NoSecretInLogs()
    {
        const string WrongPassword = "wrong horse battery staple 9";
        const string ForgedToken = "rung_forged_0123456789abcdef0123456789abcdef";
        var (good, ok) = await server.SignInAsync("quinn", HardeningServer.Password);
        var (bad, refused) = await server.SignInAsync("quinn", WrongPassword);
        using (good)
        using (ok)
        using (bad)
        using (refused)
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
            Assert.Contains("failed=", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        using var client = server.Client();
        using (var used = await HardeningServer.SendAsync(client, HttpMethod.Get, "/api/v1/agents", server.Tokens["operator"]))
        {
            Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        }

        using (var forged = await HardeningServer.SendAsync(client, HttpMethod.Get, "/api/v1/agents", ForgedToken))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        // A failing request is logged with its exception; the body it carried must not be.
        using (var failing = await HardeningServer.SendAsync(client, HttpMethod.Post, "/api/v1/agents/line3-approve/cases", server.Tokens["operator"], $$"""{"caseId": "{{WrongPassword}}"}""")) { }

        var secrets = new[] { HardeningServer.Password, WrongPassword, ForgedToken, server.Tokens["operator"], server.Tokens["operator"][..16] };
        foreach (var line in server.Logs.Lines)
        {
            foreach (var secret in secrets)
            {
                Assert.False(line.Contains(secret, StringComparison.Ordinal), $"a secret is in the log: {line}");
            }
        }
    }
}
