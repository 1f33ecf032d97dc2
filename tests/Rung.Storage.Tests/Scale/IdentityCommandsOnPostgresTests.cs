using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Rung.Cli.Tests;
using Rung.Storage.Audit;
using Rung.Storage.Postgres;
using Rung.Testing;
using Rung.Testing.Postgres;

namespace Rung.Storage.Tests.Scale;

/// <summary>
/// <c>rung user add</c> and <c>rung user token create</c> with <c>--store</c> write to PostgreSQL, and a
/// <c>rung serve --store</c> on the same database signs the user in and accepts the token.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed partial class IdentityCommandsOnPostgresTests : IAsyncLifetime
{
    private const string Line3 = "acme/dortmund/machining/line3";
    private const string PasswordVariable = "RUNG_IDENTITY_TEST_PASSWORD";
    private const string Password = "Correct-Horse-Battery-42!";
    private readonly TempDirectory _folder = new();
    private PostgresDatabase? _database;

    public async Task InitializeAsync() => _database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("rung_identity_cli");

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _folder.Dispose();
    }

    [Fact]
    public async Task A_user_and_a_token_made_by_the_commands_on_postgres_sign_in_to_a_server_on_the_same_database()
    {
        var connection = _database!.ConnectionString;
        // The commands run on another folder than the server's: what they write can only reach it through PostgreSQL.
        var commands = Directory.CreateDirectory(Path.Combine(_folder.Path, "admin")).FullName;
        var server = Directory.CreateDirectory(Path.Combine(_folder.Path, "server")).FullName;
        Environment.SetEnvironmentVariable(PasswordVariable, Password);
        var added = await RungProcess.RunAsync("user", "add", "line3.lead", "--data", commands, "--store", connection, "--name", "Line Lead", "--roles", "Owner", "--zones", Line3, "--password-env", PasswordVariable, "--by", "admin");
        Assert.True(added.ExitCode == 0, added.Stderr);
        var created = await RungProcess.RunAsync("user", "token", "create", "line3-mes", "--data", commands, "--store", connection, "--roles", "Operator", "--zones", Line3, "--by", "admin");
        Assert.True(created.ExitCode == 0, created.Stderr);
        var token = created.Stdout.Trim().Split('\n')[^1].Trim();

        Assert.False(File.Exists(Path.Combine(commands, "rung.db")), "the commands wrote a SQLite database beside --store");
        await using (var store = await PostgresRungStore.OpenAsync(connection, TimeProvider.System))
        {
            Assert.Equal("Line Lead", Assert.Single(await store.GetUsersAsync()).PrintedName);
            Assert.Equal("line3-mes", Assert.Single(await store.GetTokensAsync()).Name);
        }

        await using var serve = await ServeProcess.StartAsync("--data", server, "--store", connection, "--urls", "http://127.0.0.1:0");
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(serve.Address) };

        Assert.Contains("failed=", await SignInAsync(http, "line3.lead", "not the password"), StringComparison.Ordinal);
        var signedIn = await SignInAsync(http, "line3.lead", Password);
        Assert.DoesNotContain("failed=", signedIn, StringComparison.Ordinal);
        Assert.DoesNotContain("/signin", signedIn, StringComparison.Ordinal);

        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/edge/config"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/edge/config"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token + "x");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Equal(0, await serve.StopAsync());
        await using var reopened = await PostgresRungStore.OpenAsync(connection, TimeProvider.System);
        var signIns = await reopened.GetAuditEntriesAsync(new AuditQuery(RecordType: "user", RecordId: "line3.lead"));
        Assert.Contains(signIns, e => e.Action == "sign_in" && e.Actor == "line3.lead");
    }

    /// <summary>Posts the console's sign-in form (with its antiforgery token) and returns where the server redirects.</summary>
    private static async Task<string> SignInAsync(HttpClient http, string userId, string password)
    {
        var page = await http.GetStringAsync(new Uri("/signin", UriKind.Relative));
        var antiforgery = AntiforgeryField().Match(page);
        Assert.True(antiforgery.Success, "no antiforgery token on /signin");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery.Groups[1].Success ? antiforgery.Groups[1].Value : antiforgery.Groups[2].Value),
            ["userId"] = userId,
            ["password"] = password,
            ["returnUrl"] = "/",
        });
        using var response = await http.PostAsync(new Uri("/account/signin", UriKind.Relative), form);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!.OriginalString;
    }

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="__RequestVerificationToken""")]
    private static partial Regex AntiforgeryField();
}
