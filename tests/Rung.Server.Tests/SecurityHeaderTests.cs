namespace Rung.Server.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class SecurityHeaderTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task SignInPage_CarriesSecurityHeaders_AndAnAntiforgeryToken()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        using var response = await http.GetAsync(new Uri("/signin", UriKind.Relative));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPost_WithoutAntiforgeryToken_IsRefused()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(fixture.BaseUrl) };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["userId"] = "ada", ["password"] = TestUsers.Password });
        using var response = await http.PostAsync(new Uri("/account/signin", UriKind.Relative), form);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }
}
