using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Rung.Governance.Identity;
using Rung.Models.Softmax;
using Rung.Server.Hosting;
using Rung.Storage;
using Rung.Storage.Sqlite;
using Rung.Testing;
using Rung.UseCases;

namespace Rung.Server.Tests.Api;

/// <summary>
/// The server on a real Kestrel at an OS-chosen loopback port, running two agents on line 3 with a small softmax
/// model (input <c>x</c> from 0 to 10: high x scraps, low x accepts, the middle is unsure), and API tokens.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class ApiFixture : IAsyncLifetime
{
    public const string ApproveAgent = "line3-approve";
    public const string AutoAgent = "line3-auto";

    /// <summary>A Shadow agent on line 5 whose gate passes on a handful of labelled cases.</summary>
    public const string ShadowAgent = "line5-shadow";

    public const string Line3 = "acme/dortmund/machining/line3";
    public const string Line5 = "acme/dortmund/machining/line5";

    /// <summary>People who sign: the Quality approver and the agents' owner (the use cases name line3.lead).</summary>
    public const string QualityUser = "qa.lead";
    public const string OwnerUser = "line3.lead";
    public const string OperatorUser = "anna";

    private TempDirectory? _folder;
    private OpenApiContract? _contract;

    public WebApplication App { get; private set; } = default!;

    public HttpClient Client { get; } = new();

    public string BaseUrl { get; private set; } = string.Empty;

    public SqliteRungStore Store => (SqliteRungStore)App.Services.GetRequiredService<IRungStore>();

    /// <summary>Operator on line 3: submits, labels, approves, resolves, acknowledges.</summary>
    public string Operator { get; private set; } = string.Empty;

    /// <summary>Operator on line 4 only.</summary>
    public string OtherLine { get; private set; } = string.Empty;

    /// <summary>Auditor everywhere: reads the trail, may not approve.</summary>
    public string Auditor { get; private set; } = string.Empty;

    /// <summary>Operator on line 5.</summary>
    public string Line5Operator { get; private set; } = string.Empty;

    /// <summary>Quality on line 3: releases models.</summary>
    public string QualityToken { get; private set; } = string.Empty;

    /// <summary>ML engineer on line 3: rolls models back.</summary>
    public string MlToken { get; private set; } = string.Empty;

    /// <summary>Owner on lines 3 and 5: promotes.</summary>
    public string OwnerToken { get; private set; } = string.Empty;

    /// <summary>Owner, Quality and ML engineer, but on line 4 only.</summary>
    public string Line4Everything { get; private set; } = string.Empty;

    /// <summary>The data folder the server runs on.</summary>
    public string DataFolder => _folder!.Path;

    /// <summary>The served OpenAPI document, which every call made through <see cref="CallAsync"/> is checked against.</summary>
    internal OpenApiContract Contract => _contract!;

    public static string UseCaseYaml(string agentId, string stage, string scope, string extra = "") => $$"""
        usecase: { id: {{agentId}}-uc, name: Test quality }
        business: { kpi: scrap rate, unit: "%", baseline: 4, target: 2, owner: line3.lead, value_per_case: 0.3, currency: EUR }
        agent:
          id: {{agentId}}
          scope: {{scope}}
          initial_stage: {{stage}}
          model: { kind: in_process, version: "softmax-1", command: model.json }
          inputs:
            - { name: x, unit: mm, min: 0, max: 10 }
            - { name: y, unit: mm, min: 0, max: 10, required: false }
          actions:
            - { name: accept, severity: Low }
            - { name: scrap, severity: Low }
            - { name: hold_for_inspection, severity: Low }
          default_action: hold_for_inspection
          slo: { window: 10, accuracy_floor: 0.92, alert_line: 0.9 }
        {{extra}}
        """;

    public async Task InitializeAsync()
    {
        _folder = new TempDirectory();
        var model = new SoftmaxRegressionModel([new FeatureProfile("x", 0, 10, 5, 2)], ["accept", "scrap"], [-4, 4], [0, 0]);
        await using (var file = File.Create(_folder.File("model.json")))
        {
            model.Save(file);
        }

        var options = new ConsoleOptions
        {
            DatabasePath = _folder.File("rung.db"),
            Urls = ["http://127.0.0.1:0"],
            UseCases =
            [
                UseCaseLoader.Load(UseCaseYaml(ApproveAgent, "ApproveEach", "acme/dortmund/machining/line3"), "approve.yaml").Definition,
                UseCaseLoader.Load(UseCaseYaml(AutoAgent, "AutoWithExceptions", "acme/dortmund/machining/line3/cell2"), "auto.yaml").Definition,
                UseCaseLoader.Load(UseCaseYaml(ShadowAgent, "Shadow", Line5, "gates:\n  shadow: { min_volume: 4, min_agreement: 0.5, min_class_agreement: 0.5, min_class_volume: 2 }"), "shadow.yaml").Definition,
            ],
        };
        App = await ConsoleApp.BuildAsync(options, TimeProvider.System);
        await App.StartAsync();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        Client.BaseAddress = new Uri(BaseUrl);
        var identity = new IdentityService(Store, Store, new StoreSecurityAlarms(Store, "security"), new IdentityOptions(), TimeProvider.System);
        Operator = (await identity.CreateTokenAsync("line3-mes", [Role.Operator], ["acme/dortmund/machining/line3"], "admin")).Token;
        OtherLine = (await identity.CreateTokenAsync("line4-mes", [Role.Operator], ["acme/dortmund/machining/line4"], "admin")).Token;
        Auditor = (await identity.CreateTokenAsync("auditor", [Role.Auditor, Role.Quality], ["*"], "admin")).Token;
        Line5Operator = (await identity.CreateTokenAsync("line5-mes", [Role.Operator], [Line5], "admin")).Token;
        QualityToken = (await identity.CreateTokenAsync("qa-station", [Role.Quality], [Line3], "admin")).Token;
        MlToken = (await identity.CreateTokenAsync("training-pipeline", [Role.MlEngineer], [Line3], "admin")).Token;
        OwnerToken = (await identity.CreateTokenAsync("owner-desk", [Role.Owner], [Line3, Line5], "admin")).Token;
        Line4Everything = (await identity.CreateTokenAsync("line4-desk", [Role.Owner, Role.Quality, Role.MlEngineer], ["acme/dortmund/machining/line4"], "admin")).Token;
        await identity.AddUserAsync(QualityUser, "Quinn Quality", [Role.Quality], [Line3], TestUsers.Password, "admin");
        await identity.AddUserAsync(OwnerUser, "Olga Owner", [Role.Owner], [Line3, Line5], TestUsers.Password, "admin");
        await identity.AddUserAsync(OperatorUser, "Anna Operator", [Role.Operator], [Line3, Line5], TestUsers.Password, "admin");
        using (var document = await SendAsync(HttpMethod.Get, "/api/v1/openapi.json", null))
        {
            _contract = new OpenApiContract(JsonNode.Parse(await document.Content.ReadAsStringAsync())!);
        }

        // The agents exist in the store once the server has started them; a status call starts each.
        foreach (var (agent, token) in new[] { (ApproveAgent, Operator), (AutoAgent, Operator), (ShadowAgent, Line5Operator) })
        {
            using var response = await SendAsync(HttpMethod.Get, $"/api/v1/agents/{agent}/status", token);
            Assert.Equal(200, (int)response.StatusCode);
        }
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? json = null, string? idempotencyKey = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>Sends and returns status and parsed body (null when empty).</summary>
    public async Task<(int Status, JsonNode? Body, string ContentType)> CallAsync(HttpMethod method, string path, string? token, string? json = null, string? idempotencyKey = null, string contentType = "application/json")
    {
        using var response = await SendAsync(method, path, token, json, idempotencyKey, contentType);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? null : JsonNode.Parse(text);
        var problems = Contract.Check(method, path, json, (int)response.StatusCode, body);
        Assert.True(problems.Count == 0, "The exchange does not keep to the OpenAPI document:\n" + string.Join("\n", problems));
        return ((int)response.StatusCode, body, response.Content.Headers.ContentType?.MediaType ?? string.Empty);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        _folder?.Dispose();
    }
}
