using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Rung.Bench.Api;
using Rung.Governance.Identity;
using Rung.Models.Softmax;
using Rung.Server;
using Rung.Server.Hosting;
using Rung.Storage;
using Rung.Storage.Sqlite;
using Rung.UseCases;

// The case submit endpoint under a bounded load on loopback, next to a bare endpoint that does nothing on the
// same server: the ratio is what the API's work (token, validation, model, policy, durable journal) costs.
var count = Arg("--count", 2000);
var concurrency = Arg("--concurrency", 8);
var batch = Arg("--batch", 50);
var seconds = Arg("--seconds", 60);
var folder = Directory.CreateTempSubdirectory("rung-bench-api-").FullName;
try
{
    var model = new SoftmaxRegressionModel([new FeatureProfile("x", 0, 10, 5, 2)], ["accept", "scrap"], [-4, 4], [0, 0]);
    await using (var file = File.Create(Path.Combine(folder, "model.json")))
    {
        model.Save(file);
    }

    const string yaml = """
        usecase: { id: bench, name: Bench }
        business: { kpi: scrap rate, unit: "%", baseline: 4, target: 2, owner: line3.lead, value_per_case: 0.3, currency: EUR }
        agent:
          id: bench-agent
          scope: acme/bench/area1/line1
          initial_stage: AutoWithExceptions
          model: { kind: in_process, version: "softmax-1", command: model.json }
          inputs: [ { name: x, unit: mm, min: 0, max: 10 } ]
          actions: [ { name: accept, severity: Low }, { name: scrap, severity: Low }, { name: hold, severity: Low } ]
          default_action: hold
        """;
    var options = new ConsoleOptions
    {
        DatabasePath = Path.Combine(folder, "rung.db"),
        Urls = ["http://127.0.0.1:0"],
        UseCases = [UseCaseLoader.Load(yaml, "bench.yaml").Definition],
    };
    await using var app = await ConsoleApp.BuildAsync(options, TimeProvider.System);
    app.MapPost("/bench/noop", () => Results.Ok());
    await app.StartAsync();
    var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    var store = (SqliteRungStore)app.Services.GetRequiredService<IRungStore>();
    var identity = new IdentityService(store, store, new StoreSecurityAlarms(store, "security"), new IdentityOptions(), TimeProvider.System);
    var token = (await identity.CreateTokenAsync("bench", [Role.Operator], ["acme/bench/area1/line1"], "bench")).Token;
    using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

    var run = Guid.NewGuid().ToString("N")[..8];
    string Case(string id, int i) => "{\"caseId\":\"" + id + "\",\"occurredAt\":\"2026-03-02T07:00:00Z\",\"values\":{\"x\":" + (i % 10).ToString(CultureInfo.InvariantCulture) + ".5}}";
    async Task<bool> PostAsync(string path, string body, CancellationToken ct)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(path, content, ct);
        return response.IsSuccessStatusCode;
    }

    // Warm-up: JIT, connection pool, the agent's first start.
    await Load.RunAsync("warm", 200, concurrency, 1, TimeSpan.FromSeconds(30), (i, ct) => PostAsync("/api/v1/agents/bench-agent/cases", Case($"w-{run}-{i}", i), ct));
    await Load.RunAsync("warm", 200, concurrency, 1, TimeSpan.FromSeconds(30), (i, ct) => PostAsync("/bench/noop", "{}", ct));

    var limit = TimeSpan.FromSeconds(seconds);
    var noop = await Load.RunAsync("bare endpoint (does nothing)", count, concurrency, 1, limit, (i, ct) => PostAsync("/bench/noop", Case($"n-{i}", i), ct));
    var single = await Load.RunAsync("POST cases (1 case)", count, concurrency, 1, limit, (i, ct) => PostAsync("/api/v1/agents/bench-agent/cases", Case($"s-{run}-{i}", i), ct));
    var batches = Math.Max(1, count / batch);
    var batched = await Load.RunAsync($"POST cases/batch ({batch} cases)", batches, concurrency, batch, limit, (i, ct) =>
        PostAsync("/api/v1/agents/bench-agent/cases/batch", "{\"cases\":[" + string.Join(',', Enumerable.Range(0, batch).Select(j => Case($"b-{run}-{i}-{j}", j))) + "]}", ct));

    Console.WriteLine($"Rung API load on loopback: {concurrency} concurrent callers, at most {seconds} s per run, {Environment.ProcessorCount} cores");
    Console.WriteLine($"{"run",-32} {"requests",9} {"fail",5} {"req/s",9} {"cases/s",9} {"p50 ms",8} {"p99 ms",8}");
    foreach (var r in new[] { noop, single, batched })
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Name,-32} {r.Requests,9} {r.Failures,5} {r.RequestsPerSecond,9:0} {r.CasesPerSecond,9:0} {r.P50Ms,8:0.00} {r.P99Ms,8:0.00}"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline ratio (bare req/s over single-case req/s): {noop.RequestsPerSecond / single.RequestsPerSecond:0.0}x; p99 {single.P99Ms / noop.P99Ms:0.0}x"));
    return single.Failures + batched.Failures == 0 ? 0 : 1;
}
finally
{
    Directory.Delete(folder, recursive: true);
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
}
