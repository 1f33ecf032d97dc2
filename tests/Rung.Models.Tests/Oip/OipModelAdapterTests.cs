using System.Text.Json.Nodes;
using Rung.Core.Cases;
using Rung.Models.Remote;
using Rung.Testing;

namespace Rung.Models.Tests.Oip;

public sealed class OipModelAdapterTests
{
    private static readonly string[] Classes = ["keep", "scrap"];

    [Fact]
    public async Task PredictAsync_PerFeatureTensors_SendsBatchShapedFp32AndMapsMostProbableClass()
    {
        await using var server = await PerFeatureServerAsync();
        await using var adapter = new OipModelAdapter(Options(server));

        var output = await adapter.PredictAsync(Features(8, 4));

        Assert.Equal("scrap", output.Action.Name);
        Assert.Equal(0.9, output.Confidence, 6);
        var temp = Input(server.LastInferBody!, "temp");
        Assert.Equal("FP32", (string?)temp["datatype"]);
        Assert.Equal([1L, 1L], temp["shape"]!.AsArray().Select(d => (long)d!));
        Assert.Equal(8.0, (double)temp["data"]![0]!);
        Assert.Equal("pilot-1", adapter.Version);
        Assert.Equal("conformance", adapter.Metadata!.Platform);
    }

    [Fact]
    public async Task PredictBatchAsync_ThreeCases_OneRequestWithBatchDimensionAndAnswersInOrder()
    {
        await using var server = await PerFeatureServerAsync();
        await using var adapter = new OipModelAdapter(Options(server));

        var outputs = await adapter.PredictBatchAsync([Features(1, 1), Features(9, 9), Features(2, 3)]);

        Assert.Equal(["keep", "scrap", "keep"], outputs.Select(o => o.Action.Name));
        Assert.Equal([0.8, 0.9, 0.8], outputs.Select(o => Math.Round(o.Confidence, 6)));
        Assert.Equal(1, server.InferRequests);
        var vib = Input(server.LastInferBody!, "vib");
        Assert.Equal([3L, 1L], vib["shape"]!.AsArray().Select(d => (long)d!));
        Assert.Equal([1.0, 9.0, 3.0], vib["data"]!.AsArray().Select(d => (double)d!));
    }

    [Fact]
    public async Task PredictBatchAsync_ModelWithoutBatchDimension_SendsOneCasePerRequest()
    {
        await using var server = await OipTestServer.StartAsync(("temp", "FP32", [1, 1]), ("vib", "FP32", [1, 1]));
        await using var adapter = new OipModelAdapter(Options(server));

        var outputs = await adapter.PredictBatchAsync([Features(1, 1), Features(9, 9)]);

        Assert.Equal(["keep", "scrap"], outputs.Select(o => o.Action.Name));
        Assert.Equal(2, server.InferRequests);
    }

    [Fact]
    public async Task PredictBatchAsync_SingleFp64Tensor_SendsRowsInFeatureOrder()
    {
        await using var server = await OipTestServer.StartAsync(("input", "FP64", [-1, 2]));
        await using var adapter = new OipModelAdapter(Options(server) with { InputTensor = "input" });

        var outputs = await adapter.PredictBatchAsync([Features(0.1, 20), Features(1.5, 2.25)]);

        Assert.Equal(["scrap", "keep"], outputs.Select(o => o.Action.Name));
        var input = Input(server.LastInferBody!, "input");
        Assert.Equal("FP64", (string?)input["datatype"]);
        Assert.Equal([2L, 2L], input["shape"]!.AsArray().Select(d => (long)d!));
        Assert.Equal([0.1, 20, 1.5, 2.25], input["data"]!.AsArray().Select(d => (double)d!));
    }

    [Fact]
    public async Task PredictAsync_LabelAndScoreOutputs_MapsLabelToActionAndScoreToConfidence()
    {
        await using var server = await PerFeatureServerAsync();
        await using var adapter = new OipModelAdapter(Options(server) with { LabelOutput = "label", ScoreOutput = "score", Classes = null });

        var output = await adapter.PredictAsync(Features(1, 2));

        Assert.Equal("keep", output.Action.Name);
        Assert.Equal(0.8, output.Confidence, 6);
        var requested = JsonNode.Parse(server.LastInferBody!)!["outputs"]!.AsArray().Select(o => (string?)o!["name"]);
        Assert.Equal(["label", "score"], requested);
    }

    [Fact]
    public async Task PredictAsync_ModelVersionInPath_IsUsed()
    {
        await using var server = await PerFeatureServerAsync();
        await using var adapter = new OipModelAdapter(Options(server) with { ModelVersion = "4" });

        var error = await Assert.ThrowsAsync<ModelCallException>(() => adapter.StartAsync());

        Assert.Equal(ModelFailure.Unavailable, error.Failure);
        Assert.Contains("/v2/models/scrap/versions/4/ready answered 404", error.Message);
        Assert.Contains("version '4' is not found", error.Message);
    }

    [Fact]
    public async Task StartAsync_InputsDoNotMatchTheUseCase_ListsEveryMismatch()
    {
        await using var server = await OipTestServer.StartAsync(("temp", "INT32", [-1, 1]), ("pressure", "FP32", [-1, 1]));
        await using var adapter = new OipModelAdapter(Options(server));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => adapter.StartAsync());

        Assert.Equal(ModelFailure.InvalidAnswer, error.Failure);
        Assert.Contains("'scrap' at http://127.0.0.1:", error.Message);
        Assert.Contains("input 'temp' is INT32; Rung sends FP32 or FP64", error.Message);
        Assert.Contains("the model declares no input 'vib' (it declares temp, pressure)", error.Message);
        Assert.Contains("the model declares input 'pressure', which is not an input of the use case", error.Message);
    }

    [Fact]
    public async Task StartAsync_SingleTensorOfWrongWidth_NamesShapeAndExpectedColumns()
    {
        await using var server = await OipTestServer.StartAsync(("input", "FP32", [-1, 3]));
        await using var adapter = new OipModelAdapter(Options(server) with { InputTensor = "input" });

        var error = await Assert.ThrowsAsync<ModelCallException>(() => adapter.StartAsync());

        Assert.Contains("input 'input' has shape [-1, 3]; expected [-1, 2] (one row of 2 features per case: temp, vib)", error.Message);
    }

    [Fact]
    public async Task StartAsync_ClassesDoNotFitProbabilities_IsRefused()
    {
        await using var server = await PerFeatureServerAsync();
        await using var adapter = new OipModelAdapter(Options(server) with { Classes = ["keep", "scrap", "rework"] });

        var error = await Assert.ThrowsAsync<ModelCallException>(() => adapter.StartAsync());

        Assert.Contains("output 'probabilities' has shape [-1, 2]: 2 classes; the use case maps 3 (keep, scrap, rework)", error.Message);
    }

    [Fact]
    public async Task StartAsync_ServerNotReady_FailsUnavailableNamingTheCheck()
    {
        await using var server = await PerFeatureServerAsync();
        server.Mode = OipServerMode.ServerNotReady;
        await using var adapter = new OipModelAdapter(Options(server));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => adapter.PredictAsync(Features(1, 1)).AsTask());

        Assert.Equal(ModelFailure.Unavailable, error.Failure);
        Assert.Contains("GET /v2/health/ready answered 503", error.Message);
        Assert.Contains("the server is not ready", error.Message);
        Assert.Equal(0, server.InferRequests);
    }

    [Fact]
    public async Task StartAsync_ModelNotReady_QuotesTheServersError()
    {
        await using var server = await PerFeatureServerAsync();
        server.Mode = OipServerMode.ModelNotReady;
        await using var adapter = new OipModelAdapter(Options(server));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => adapter.StartAsync());

        Assert.Equal(ModelFailure.Unavailable, error.Failure);
        Assert.Contains("GET /v2/models/scrap/ready answered 503 ServiceUnavailable: \"model 'scrap' is loading\": the model is not ready", error.Message);
    }

    [Fact]
    public async Task StartAsync_ServerDown_FailsUnavailable()
    {
        var server = await PerFeatureServerAsync();
        var url = server.Url;
        await server.DisposeAsync();
        await using var adapter = new OipModelAdapter(Options(server) with { BaseUrl = url });

        var error = await Assert.ThrowsAsync<ModelCallException>(() => adapter.StartAsync());

        Assert.Equal(ModelFailure.Unavailable, error.Failure);
        Assert.Contains("cannot be reached (GET /v2/health/ready)", error.Message);
    }

    [Fact]
    public async Task PredictAsync_SlowServer_TimesOutAfterEveryAttempt()
    {
        await using var server = await PerFeatureServerAsync();
        await using var adapter = new OipModelAdapter(Options(server) with { Timeout = TimeSpan.FromMilliseconds(300), MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(1) });
        await adapter.StartAsync();
        server.Mode = OipServerMode.Slow;

        var error = await Assert.ThrowsAsync<ModelCallException>(() => adapter.PredictAsync(Features(1, 1)).AsTask());

        Assert.Equal(ModelFailure.Timeout, error.Failure);
        Assert.Contains("did not answer request rung-1 within 300 ms (2 attempts)", error.Message);
        Assert.Equal(2, server.InferRequests);
    }

    [Fact]
    public async Task PredictAsync_ServerError_IsRetriedThenReportedWithStatusAndMessage()
    {
        await using var server = await PerFeatureServerAsync();
        await using var adapter = new OipModelAdapter(Options(server) with { MaxRetries = 2, RetryDelay = TimeSpan.FromMilliseconds(1) });
        await adapter.StartAsync();
        server.Mode = OipServerMode.Failing;

        var error = await Assert.ThrowsAsync<ModelCallException>(() => adapter.PredictAsync(Features(1, 1)).AsTask());

        Assert.Equal(ModelFailure.ModelError, error.Failure);
        Assert.Contains($"OIP model 'scrap' at {server.Url.GetLeftPart(UriPartial.Authority)}: POST /v2/models/scrap/infer answered 500 InternalServerError: \"CUDA out of memory\" (3 attempts)", error.Message);
        Assert.Equal(3, server.InferRequests);
    }

    [Fact]
    public async Task PredictAsync_ServerErrorThenRecovery_RetrySucceeds()
    {
        await using var server = await PerFeatureServerAsync();
        await using var adapter = new OipModelAdapter(Options(server) with { MaxRetries = 3, RetryDelay = TimeSpan.FromMilliseconds(200) });
        await adapter.StartAsync();
        server.Mode = OipServerMode.Failing;

        var call = adapter.PredictAsync(Features(9, 9)).AsTask();
        await WaitUntilAsync(() => server.InferRequests >= 1);
        server.Mode = OipServerMode.Success;
        var output = await call;

        Assert.Equal("scrap", output.Action.Name);
        Assert.InRange(server.InferRequests, 2, 4);
    }

    [Fact]
    public async Task PredictAsync_BadRequest_IsNotRetried()
    {
        await using var server = await PerFeatureServerAsync();
        await using var adapter = new OipModelAdapter(Options(server) with { RetryDelay = TimeSpan.FromMilliseconds(1) });
        await adapter.StartAsync();
        server.Mode = OipServerMode.BadRequest;

        var error = await Assert.ThrowsAsync<ModelCallException>(() => adapter.PredictAsync(Features(1, 1)).AsTask());

        Assert.Equal(ModelFailure.ModelError, error.Failure);
        Assert.Contains("answered 400 BadRequest: \"unexpected inference input 'x'\"", error.Message);
        Assert.Equal(1, server.InferRequests);
    }

    [Theory]
    [InlineData(OipServerMode.BadJson, "the answer is not valid JSON")]
    [InlineData(OipServerMode.WrongShape, "output 'probabilities' has shape [1, 3]; expected [1, 2] (1 cases, one column per class: keep, scrap)")]
    [InlineData(OipServerMode.WrongDatatype, "output 'probabilities' is INT64; expected FP16, FP32 or FP64")]
    [InlineData(OipServerMode.MissingOutput, "the answer has no output 'probabilities' (it has label, score)")]
    public async Task PredictAsync_MalformedAnswer_IsInvalidAnswerNamingTheProblemAndNotRetried(OipServerMode mode, string expected)
    {
        await using var server = await PerFeatureServerAsync();
        await using var adapter = new OipModelAdapter(Options(server));
        await adapter.StartAsync();
        server.Mode = mode;

        var error = await Assert.ThrowsAsync<ModelCallException>(() => adapter.PredictAsync(Features(1, 1)).AsTask());

        Assert.Equal(ModelFailure.InvalidAnswer, error.Failure);
        Assert.Contains("answered request rung-1 with something unusable", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Equal(1, server.InferRequests);
    }

    [Fact]
    public async Task PredictAsync_MissingFeature_IsNotSent()
    {
        await using var server = await PerFeatureServerAsync();
        await using var adapter = new OipModelAdapter(Options(server));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => adapter.PredictAsync(new FeatureVector(new Dictionary<string, double> { ["temp"] = 1 })).AsTask());

        Assert.Contains("input 'vib' has no finite value", error.Message);
        Assert.Equal(0, server.InferRequests);
    }

    [Fact]
    public async Task PredictAsync_RepeatedFailures_OpenTheBreakerWhichFailsFastThenLetsATrialThrough()
    {
        await using var server = await PerFeatureServerAsync();
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        await using var adapter = new OipModelAdapter(
            Options(server) with { MaxRetries = 0, BreakerMinimumThroughput = 2, BreakerFailureRatio = 0.5, BreakDuration = TimeSpan.FromSeconds(30) },
            time);
        await adapter.StartAsync();
        server.Mode = OipServerMode.Failing;

        var first = await Assert.ThrowsAsync<ModelCallException>(() => adapter.PredictAsync(Features(1, 1)).AsTask());
        var second = await Assert.ThrowsAsync<ModelCallException>(() => adapter.PredictAsync(Features(1, 1)).AsTask());
        server.Mode = OipServerMode.Success;
        var open = await Assert.ThrowsAsync<ModelCallException>(() => adapter.PredictAsync(Features(1, 1)).AsTask());

        Assert.Equal(ModelFailure.ModelError, first.Failure);
        Assert.Equal(ModelFailure.ModelError, second.Failure);
        Assert.Equal(ModelFailure.Unavailable, open.Failure);
        Assert.Contains("circuit breaker is open", open.Message);
        Assert.Equal(2, server.InferRequests);

        time.Advance(TimeSpan.FromSeconds(31));
        var recovered = await adapter.PredictAsync(Features(9, 9));

        Assert.Equal("scrap", recovered.Action.Name);
        Assert.Equal(3, server.InferRequests);
    }

    [Fact]
    public void Options_ProbabilitiesWithoutClasses_AreRefused()
    {
        var options = new OipModelOptions(new Uri("http://127.0.0.1:1"), "scrap", "v", ["a"]) { Classes = null };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("at least two classes", error.Message);
    }

    private static Task<OipTestServer> PerFeatureServerAsync() =>
        OipTestServer.StartAsync(("temp", "FP32", [-1, 1]), ("vib", "FP32", [-1, 1]));

    private static OipModelOptions Options(OipTestServer server) =>
        new(server.Url, "scrap", "pilot-1", ["temp", "vib"]) { Classes = Classes, ProbabilitiesOutput = "probabilities", Timeout = TimeSpan.FromSeconds(10) };

    private static FeatureVector Features(double temp, double vib) =>
        new(new Dictionary<string, double> { ["temp"] = temp, ["vib"] = vib });

    private static JsonNode Input(string body, string name) =>
        JsonNode.Parse(body)!["inputs"]!.AsArray().Single(i => (string?)i!["name"] == name)!;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(5, limit.Token);
        }
    }
}
