using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rung.Core.Cases;
using Rung.Core.Ladder;
using Rung.Core.Outcomes;
using Rung.Core.Policy;
using Rung.Core.Proposals;
using Rung.Governance.Identity;
using Rung.Governance.Signatures;
using Rung.Models.Softmax;
using Rung.Registry;
using Rung.Registry.Gates;
using Rung.Registry.Signing;
using Rung.Server.Hosting;
using Rung.Server.Tests.Api;
using Rung.Storage;
using Rung.Storage.Journal;
using Rung.Storage.Sqlite;
using Rung.Testing;
using Rung.UseCases;

namespace Rung.Server.Tests.Live;

/// <summary>
/// The server as <c>rung serve --usecase</c> builds it, on a real Kestrel at an OS-chosen loopback port, with two
/// agents on line 3: one on Shadow whose gate passes on the seeded evidence (its owner signs the promotion in the
/// console) and whose registry holds a champion v1 and a challenger v2 that passed its test gates; and one on
/// ApproveEach that the server runs with a small softmax model (high x drafts "scrap"). One headless system Chromium.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class LiveConsoleFixture : IAsyncLifetime
{
    public const string GatedAgent = "line3-gated";
    public const string LiveAgent = "line3-live";
    public const string Password = TestUsers.Password;

    /// <summary>Owner of both agents: approves, signs promotions.</summary>
    public const string Owner = "olga";

    /// <summary>Auditor: sees everything, signs nothing.</summary>
    public const string Viewer = "vera";

    /// <summary>Quality: signs model releases.</summary>
    public const string Quality = "quinn";

    /// <summary>ML engineer: rolls models back.</summary>
    public const string MlEngineer = "milo";

    private const string Chromium = "/usr/bin/chromium";
    private const string Zone = "acme/dortmund/machining/line3";
    private TempDirectory? _folder;
    private IPlaywright? _playwright;

    public WebApplication App { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = string.Empty;

    public string DataFolder => _folder!.Path;

    public SqliteRungStore Store => (SqliteRungStore)App.Services.GetRequiredService<IRungStore>();

    public HttpClient Client { get; } = new();

    public string Token { get; private set; } = string.Empty;

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        _folder = new TempDirectory();
        var model = new SoftmaxRegressionModel([new FeatureProfile("x", 0, 10, 5, 2)], ["accept", "scrap"], [-4, 4], [0, 0]);
        await using (var file = File.Create(_folder.File("model.json")))
        {
            model.Save(file);
        }

        var gated = ApiFixture.UseCaseYaml(GatedAgent, "Shadow", Zone).Replace("owner: line3.lead", "owner: " + Owner, StringComparison.Ordinal)
            + "\ngates:\n  shadow: { min_volume: 20, min_agreement: 0.9, min_class_volume: 5 }\n";
        var live = ApiFixture.UseCaseYaml(LiveAgent, "ApproveEach", Zone).Replace("owner: line3.lead", "owner: " + Owner, StringComparison.Ordinal);
        var options = new ConsoleOptions
        {
            DatabasePath = _folder.File("rung.db"),
            Urls = ["http://127.0.0.1:0"],
            // The page sweeps sign one user in for every page and colour scheme, faster than a person ever would;
            // the limits themselves are tested in Rung.Hardening.Tests.
            RateLimits = new RateLimitOptions { SignInsPerUserPerMinute = 10_000, SignInsPerAddressPerMinute = 10_000 },
            PollInterval = TimeSpan.FromMilliseconds(200),
            UseCases = [UseCaseLoader.Load(gated, "gated.yaml").Definition, UseCaseLoader.Load(live, "live.yaml").Definition],
        };
        App = await ConsoleApp.BuildAsync(options, TimeProvider.System);
        var identity = Get<IdentityService>();
        await identity.AddUserAsync(Owner, "Olga Owner", [Role.Owner], [Zone], Password, "system");
        await identity.AddUserAsync(Viewer, "Vera Viewer", [Role.Auditor], [Zones.Everywhere], Password, "system");
        await identity.AddUserAsync(Quality, "Quinn Quality", [Role.Quality], [Zones.Everywhere], Password, "system");
        await identity.AddUserAsync(MlEngineer, "Milo Engineer", [Role.MlEngineer], [Zone], Password, "system");
        await SeedShadowAsync(TimeProvider.System.GetUtcNow());
        await SeedModelsAsync();
        await App.StartAsync();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        Client.BaseAddress = new Uri(BaseUrl);
        Token = (await identity.CreateTokenAsync("line3-mes", [Role.Operator], [Zone], "system")).Token;
        Assert.True(File.Exists(Chromium), $"Browser tests need {Chromium} (Debian package chromium; eng/test.sh installs it).");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        Directory.CreateDirectory(ConsoleFixture.ScreenshotFolder);
    }

    /// <summary>A fresh browser context signed in as <paramref name="user"/>, on the portfolio page.</summary>
    public async Task<IPage> SignInAsync(string user, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ColorScheme = scheme, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("User id").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(BaseUrl + "/");
        return page;
    }

    /// <summary>Posts one case to an agent (the live one by default) through the API, as a plant system does; the server starts its runtime.</summary>
    public async Task<int> SubmitAsync(string caseId, double x, string agentId = LiveAgent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/agents/{agentId}/cases");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var at = TimeProvider.System.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var body = new System.Text.Json.Nodes.JsonObject { ["caseId"] = caseId, ["occurredAt"] = at, ["values"] = new System.Text.Json.Nodes.JsonObject { ["x"] = x } };
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await Client.SendAsync(request);
        return (int)response.StatusCode;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        _folder?.Dispose();
    }

    // 30 Shadow cases in the last hour where the humans did what the agent would have done: the Shadow gate passes.
    private async Task SeedShadowAsync(DateTimeOffset now)
    {
        var created = now.AddHours(-2);
        await Store.EnsureAgentAsync(
            new AgentRecord(GatedAgent, GatedAgent + "-uc", Zone, Stage.Shadow, created, "{}"),
            new StageChange(GatedAgent, Stage.Shadow, Stage.Shadow, StageChangeKind.Initial, created, "system", "agent created", new Dictionary<string, string>()));
        var decisions = new List<DecisionRecord>();
        var outcomes = new List<StoredOutcome>();
        for (var i = 0; i < 30; i++)
        {
            var id = $"g-{i:000}";
            var at = now.AddMinutes(-60 + i);
            decisions.Add(new DecisionRecord(
                new Case(id, GatedAgent, at, new FeatureVector(new Dictionary<string, double> { ["x"] = 1 })),
                new Proposal(new ProposedAction("accept"), 0.95, false, Severity.Low, [new FeatureContribution("x", 0.5)], "softmax-1", TimeSpan.FromMilliseconds(1)),
                Stage.Shadow,
                new PolicyDecision(Disposition.Logged, []),
                at,
                null));
            outcomes.Add(new StoredOutcome(new Outcome(id, OutcomeSource.HumanAction, "accept", at.AddSeconds(30), "operator"), new Judgement(id, true, null, "accept", "accept", at.AddSeconds(30))));
        }

        await Store.AppendDecisionsAsync(decisions);
        await Store.AppendOutcomesAsync(outcomes);
    }

    // v1 released as champion on Quality's signature; v2 derived from it, signed, with passing test gates against v1.
    private async Task SeedModelsAsync()
    {
        using var key = SigningKey.LoadOrCreate(Path.Combine(DataFolder, "keys"));
        var registry = new ModelRegistry(Store, DataFolder, key, TimeProvider.System);
        // Named apart from the registry's own model.json (the version's configuration).
        var artefact = _folder!.File("softmax.json");
        File.Copy(_folder.File("model.json"), artefact);
        var configuration = new ModelConfiguration(ModelArtifactKind.InProcessFile, "softmax.json", []);
        await registry.RegisterAsync(new ModelRegistration(GatedAgent, configuration, [artefact], new ModelLineage("ds-2026-01", "aa11", "train@1f2e", new Dictionary<string, string>(), new Dictionary<string, double> { ["holdout_accuracy"] = 0.93 }), null, MlEngineer));
        var v1 = await registry.SignAsync(GatedAgent, "v1", MlEngineer);
        var identity = Get<IdentityService>();
        var signatures = Get<SignatureService>();
        var session = (await identity.SignInAsync(Quality, Password)).Session!;
        var signed = await signatures.SignAsync(session, Quality, Password, SignedReleaseApprovals.RecordType, SignedReleaseApprovals.RecordId(GatedAgent, "v1"), SignedReleaseApprovals.SignedBytes(v1.ManifestSha256!), SignatureMeaning.Approved);
        Assert.True(signed.Succeeded, signed.Message);
        await registry.ReleaseAsync(GatedAgent, "v1", Quality, new SignedReleaseApprovals(signatures));
        await registry.RegisterAsync(new ModelRegistration(GatedAgent, configuration, [artefact], new ModelLineage("ds-2026-02", "bb22", "train@3c4d", new Dictionary<string, string>(), new Dictionary<string, double> { ["holdout_accuracy"] = 0.95 }, "drift alarm"), "v1", MlEngineer));
        await registry.SignAsync(GatedAgent, "v2", MlEngineer);
        await registry.SetChallengerAsync(GatedAgent, "v2", MlEngineer);
        await registry.RecordGateAsync(new GateReport(GatedAgent, "v2", "v1", [new GateCheck("holdout.accuracy", true, "0.95 against the champion's 0.93"), new GateCheck("slice.shift=night", true, "0.94 against 0.92")], TimeProvider.System.GetUtcNow()), MlEngineer);
    }
}

[CollectionDefinition(Name)]
public sealed class LiveConsoleCollection : ICollectionFixture<LiveConsoleFixture>
{
    public const string Name = "live console";
}
