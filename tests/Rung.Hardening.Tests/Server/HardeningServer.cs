using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rung.Governance.Identity;
using Rung.Models.Softmax;
using Rung.Server;
using Rung.Server.Hosting;
using Rung.Storage;
using Rung.Storage.Sqlite;
using Rung.Testing;
using Rung.UseCases;

namespace Rung.Hardening.Tests.Server;

/// <summary>
/// The real server (API and console) on an OS-chosen loopback port, with one agent on line 3, people and tokens of
/// several roles and zones, and every log line captured.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class HardeningServer : IAsyncLifetime
{
    public const string Agent = "line3-approve";
    public const string Line3 = "acme/dortmund/machining/line3";
    public const string Line4 = "acme/dortmund/machining/line4";
    public const string Password = "correct horse battery";
    private TempDirectory? folder;

    public WebApplication App { get; private set; } = default!;

    public string BaseUrl { get; private set; } = string.Empty;

    internal CapturedLogs Logs { get; } = new();

    public SqliteRungStore Store => (SqliteRungStore)App.Services.GetRequiredService<IRungStore>();

    public IdentityService Identity => App.Services.GetRequiredService<IdentityService>();

    /// <summary>Tokens by name: "operator" (line 3), "operator-line4", "all-roles-line4", "auditor" (everywhere).</summary>
    public Dictionary<string, string> Tokens { get; } = new(StringComparer.Ordinal);

    /// <summary>A case the agent decided, for routes that name one.</summary>
    public string CaseId { get; } = "hardening-case-1";

    public static string UseCaseYaml => $$"""
        usecase: { id: hardening-uc, name: Test quality }
        business: { kpi: scrap rate, unit: "%", baseline: 4, target: 2, owner: line3.lead, value_per_case: 0.3, currency: EUR }
        agent:
          id: {{Agent}}
          scope: {{Line3}}
          initial_stage: ApproveEach
          model: { kind: in_process, version: "softmax-1", command: model.json }
          inputs:
            - { name: x, unit: mm, min: 0, max: 10 }
          actions:
            - { name: accept, severity: Low }
            - { name: scrap, severity: Low }
            - { name: hold_for_inspection, severity: Low }
          default_action: hold_for_inspection
          slo: { window: 10, accuracy_floor: 0.92, alert_line: 0.9 }
        """;

    public async Task InitializeAsync()
    {
        folder = new TempDirectory();
        var model = new SoftmaxRegressionModel([new FeatureProfile("x", 0, 10, 5, 2)], ["accept", "scrap"], [-4, 4], [0, 0]);
        await using (var file = File.Create(folder.File("model.json")))
        {
            model.Save(file);
        }

        var options = new ConsoleOptions
        {
            DatabasePath = folder.File("rung.db"),
            Urls = ["http://127.0.0.1:0"],
            UseCases = [UseCaseLoader.Load(UseCaseYaml, "hardening.yaml").Definition],
        };
        App = await ConsoleApp.BuildAsync(options, TimeProvider.System);
        App.Services.GetRequiredService<ILoggerFactory>().AddProvider(Logs);
        await Identity.AddUserAsync("otto", "Otto Operator", [Role.Operator], [Line3], Password, "system");
        await Identity.AddUserAsync("quinn", "Quinn Quality", [Role.Quality], [Zones.Everywhere], Password, "system");
        await Identity.AddUserAsync("aud", "Audrey Auditor", [Role.Auditor], [Zones.Everywhere], Password, "system");
        await App.StartAsync();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        Tokens["operator"] = (await Identity.CreateTokenAsync("line3-mes", [Role.Operator], [Line3], "admin")).Token;
        Tokens["operator-line4"] = (await Identity.CreateTokenAsync("line4-mes", [Role.Operator], [Line4], "admin")).Token;
        Tokens["all-roles-line4"] = (await Identity.CreateTokenAsync("line4-all", Enum.GetValues<Role>(), [Line4], "admin")).Token;
        Tokens["auditor"] = (await Identity.CreateTokenAsync("auditor", [Role.Auditor], [Zones.Everywhere], "admin")).Token;
        using var client = Client();
        using var response = await SendAsync(client, HttpMethod.Post, $"/api/v1/agents/{Agent}/cases", Tokens["operator"], $$$"""{"caseId": "{{{CaseId}}}", "occurredAt": "2026-01-05T08:00:00Z", "values": {"x": 5}}""");
        Assert.True(response.IsSuccessStatusCode, $"seeding a case: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A client that does not follow redirects, so a refusal by redirect to the sign-in page can be seen.</summary>
    public HttpClient Client(System.Net.CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new System.Net.CookieContainer(), UseCookies = true }) { BaseAddress = new Uri(BaseUrl) };

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    /// <summary>Signs <paramref name="user"/> in through the console's form (antiforgery token included); returns the client holding the cookie.</summary>
    public async Task<(HttpClient Client, HttpResponseMessage Response)> SignInAsync(string user, string password)
    {
        var client = Client();
        var token = await AntiforgeryTokenAsync(client, "/signin");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userId"] = user,
            ["password"] = password,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        });
        var response = await client.PostAsync(new Uri("/account/signin", UriKind.Relative), form);
        return (client, response);
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        const string marker = "name=\"__RequestVerificationToken\" value=\"";
        var at = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{page} has no antiforgery token");
        var start = at + marker.Length;
        return html[start..html.IndexOf('"', start)];
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        folder?.Dispose();
    }
}
