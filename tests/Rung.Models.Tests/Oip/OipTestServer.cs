using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Rung.Models.Tests.Oip;

/// <summary>
/// A small Open Inference Protocol v2 REST server written from the spec, on a free loopback port. It serves one
/// model, "scrap", whose inputs are declared by <see cref="Inputs"/>; it checks each inference request as a
/// conformant server does (every declared input present, datatype as declared, data length equal to the shape's
/// product) and answers 400 with the protocol's error shape otherwise. The model: class probabilities over
/// [keep, scrap], scrap 0.9 when the sum of a row's features exceeds 10, else 0.2; also a label and a score tensor.
/// </summary>
public sealed class OipTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _inferRequests;

    private OipTestServer(WebApplication app, IReadOnlyList<(string Name, string Datatype, long[] Shape)> inputs)
    {
        _app = app;
        Inputs = inputs;
    }

    /// <summary>The server's root URL.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The declared inputs.</summary>
    public IReadOnlyList<(string Name, string Datatype, long[] Shape)> Inputs { get; set; }

    /// <summary>The model's version, served under /versions/{v}.</summary>
    public string ModelVersion { get; set; } = "3";

    public OipServerMode Mode { get; set; } = OipServerMode.Success;

    /// <summary>How many inference requests arrived.</summary>
    public int InferRequests => Volatile.Read(ref _inferRequests);

    /// <summary>The body of the last inference request.</summary>
    public string? LastInferBody { get; private set; }

    public static async Task<OipTestServer> StartAsync(params (string Name, string Datatype, long[] Shape)[] inputs)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new OipTestServer(app, inputs);
        server.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/v2/health/live", () => Results.Ok());
        app.MapGet("/v2/health/ready", () => Mode == OipServerMode.ServerNotReady ? Results.StatusCode(503) : Results.Ok());
        app.MapGet("/v2/models/{name}/ready", (string name) => ModelReady(name, null));
        app.MapGet("/v2/models/{name}/versions/{version}/ready", (string name, string version) => ModelReady(name, version));
        app.MapGet("/v2/models/{name}", (string name) => Metadata(name, null));
        app.MapGet("/v2/models/{name}/versions/{version}", (string name, string version) => Metadata(name, version));
        app.MapPost("/v2/models/{name}/infer", (string name, HttpRequest request, CancellationToken token) => InferAsync(name, null, request, token));
        app.MapPost("/v2/models/{name}/versions/{version}/infer", (string name, string version, HttpRequest request, CancellationToken token) => InferAsync(name, version, request, token));
    }

    private bool Known(string name, string? version) => name == "scrap" && (version is null || version == ModelVersion);

    private IResult ModelReady(string name, string? version) =>
        !Known(name, version) ? Error(404, $"model '{name}' version '{version}' is not found")
        : Mode == OipServerMode.ModelNotReady ? Error(503, "model 'scrap' is loading")
        : Results.Ok();

    private IResult Metadata(string name, string? version)
    {
        if (!Known(name, version))
        {
            return Error(404, $"model '{name}' is not found");
        }

        var metadata = new JsonObject
        {
            ["name"] = "scrap",
            ["versions"] = new JsonArray(ModelVersion),
            ["platform"] = "conformance",
            ["inputs"] = new JsonArray([.. Inputs.Select(i => Tensor(i.Name, i.Datatype, i.Shape))]),
            ["outputs"] = new JsonArray(Tensor("probabilities", "FP32", [-1, 2]), Tensor("label", "BYTES", [-1]), Tensor("score", "FP32", [-1])),
        };
        return Results.Text(metadata.ToJsonString(), "application/json");
    }

    private async Task<IResult> InferAsync(string name, string? version, HttpRequest request, CancellationToken token)
    {
        Interlocked.Increment(ref _inferRequests);
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(token);
        LastInferBody = body;
        if (!Known(name, version))
        {
            return Error(404, $"model '{name}' is not found");
        }

        switch (Mode)
        {
            case OipServerMode.Slow:
                await Task.Delay(TimeSpan.FromSeconds(30), token);
                break;
            case OipServerMode.Failing:
                return Error(500, "CUDA out of memory");
            case OipServerMode.BadRequest:
                return Error(400, "unexpected inference input 'x'");
            case OipServerMode.BadJson:
                return Results.Text("{\"outputs\": [", "application/json");
        }

        if (Check(body) is { } problem)
        {
            return Error(400, problem);
        }

        var rows = Rows(JsonNode.Parse(body)!);
        var probabilities = rows.SelectMany(r => r.Sum() > 10 ? new[] { 0.1, 0.9 } : [0.8, 0.2]).ToList();
        var labels = rows.Select(r => r.Sum() > 10 ? "scrap" : "keep").ToList();
        var scores = rows.Select(r => r.Sum() > 10 ? 0.9 : 0.8).ToList();
        var outputs = new JsonArray
        {
            Mode == OipServerMode.WrongShape
                ? Tensor("probabilities", "FP32", [rows.Count, 3], probabilities.Concat(Enumerable.Repeat(0.0, rows.Count)))
                : Tensor("probabilities", Mode == OipServerMode.WrongDatatype ? "INT64" : "FP32", [rows.Count, 2], probabilities),
            Tensor("label", "BYTES", [rows.Count], labels.Select(l => (JsonNode)JsonValue.Create(l)!)),
            Tensor("score", "FP32", [rows.Count], scores),
        };
        if (Mode == OipServerMode.MissingOutput)
        {
            outputs.RemoveAt(0);
        }

        var answer = new JsonObject { ["model_name"] = "scrap", ["model_version"] = ModelVersion, ["id"] = JsonNode.Parse(body)!["id"]?.DeepClone(), ["outputs"] = outputs };
        return Results.Text(answer.ToJsonString(), "application/json");
    }

    // What a conformant server refuses: a missing input, a datatype other than declared, data that does not fill the shape.
    private string? Check(string body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            return $"request is not JSON: {ex.Message}";
        }

        var inputs = root?["inputs"]?.AsArray();
        if (inputs is null)
        {
            return "request has no inputs";
        }

        foreach (var declared in Inputs)
        {
            var input = inputs.FirstOrDefault(i => (string?)i!["name"] == declared.Name);
            if (input is null)
            {
                return $"expected input '{declared.Name}'";
            }

            if ((string?)input["datatype"] != declared.Datatype)
            {
                return $"input '{declared.Name}' datatype {(string?)input["datatype"]}; expected {declared.Datatype}";
            }

            var shape = input["shape"]!.AsArray().Select(d => (long)d!).ToArray();
            if (shape.Length != declared.Shape.Length || shape.Zip(declared.Shape).Any(p => p.Second != -1 && p.First != p.Second))
            {
                return $"input '{declared.Name}' shape [{string.Join(",", shape)}] does not match [{string.Join(",", declared.Shape)}]";
            }

            if (input["data"]!.AsArray().Count != shape.Aggregate(1L, (a, b) => a * b))
            {
                return $"input '{declared.Name}' data does not fill shape [{string.Join(",", shape)}]";
            }
        }

        return inputs.Count == Inputs.Count ? null : "unexpected inputs";
    }

    private static List<double[]> Rows(JsonNode root)
    {
        var inputs = root["inputs"]!.AsArray();
        var batch = (int)(long)inputs[0]!["shape"]![0]!;
        var rows = Enumerable.Range(0, batch).Select(_ => new List<double>()).ToList();
        foreach (var input in inputs)
        {
            var data = input!["data"]!.AsArray().Select(d => (double)d!).ToList();
            var width = data.Count / batch;
            for (var r = 0; r < batch; r++)
            {
                rows[r].AddRange(data.Skip(r * width).Take(width));
            }
        }

        return [.. rows.Select(r => r.ToArray())];
    }

    private static JsonObject Tensor(string name, string datatype, long[] shape, IEnumerable<double> data) =>
        Tensor(name, datatype, shape, data.Select(d => (JsonNode)JsonValue.Create(d)));

    private static JsonObject Tensor(string name, string datatype, long[] shape, IEnumerable<JsonNode>? data = null)
    {
        var tensor = new JsonObject { ["name"] = name, ["datatype"] = datatype, ["shape"] = new JsonArray([.. shape.Select(s => (JsonNode)JsonValue.Create(s))]) };
        if (data is not null)
        {
            tensor["data"] = new JsonArray([.. data]);
        }

        return tensor;
    }

    private static IResult Error(int status, string message) =>
        Results.Text(new JsonObject { ["error"] = message }.ToJsonString(), "application/json", statusCode: status);
}
