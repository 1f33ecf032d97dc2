using Rung.Models.JsonLines;
using Rung.Testing;
using static Rung.Models.Tests.JsonLines.Scripts;

namespace Rung.Models.Tests.JsonLines;

public sealed class ProcessModelAdapterTests
{
    [Fact]
    public async Task PredictAsync_WellBehavedModel_ReturnsItsAnswer()
    {
        await using var adapter = new ProcessModelAdapter(Options("echo_model.py"));

        var scrap = await adapter.PredictAsync(Features(("vibration_rms", 1.7), ("spindle_temp", 51.2)));
        var keep = await adapter.PredictAsync(Features(("vibration_rms", 0.2)));

        Assert.Equal("scrap", scrap.Action.Name);
        Assert.Equal(0.93, scrap.Confidence);
        Assert.Equal(["vibration_rms", "spindle_temp"], scrap.Explanation.Select(e => e.Feature));
        Assert.Equal(1.7, scrap.Explanation[0].Contribution);
        Assert.False(scrap.OutOfDistribution);
        Assert.Null(scrap.Action.Target);
        Assert.Equal("keep", keep.Action.Name);
        Assert.Equal(scrap.Action.Value, keep.Action.Value);
        Assert.Equal("test-1", adapter.Version);
        Assert.Equal(0, adapter.Restarts);
    }

    [Fact]
    public async Task PredictAsync_NonFiniteFeature_IsSentAsNull()
    {
        await using var adapter = new ProcessModelAdapter(Options("echo_model.py"));

        var output = await adapter.PredictAsync(Features(("a", double.NaN), ("b", 1.0), ("c", double.PositiveInfinity)));

        Assert.Equal("a,c", output.Action.Target);
    }

    [Fact]
    public async Task PredictAsync_OodFlagFromModel_IsPassedOn()
    {
        await using var adapter = new ProcessModelAdapter(Options("echo_model.py"));

        var output = await adapter.PredictAsync(Features(("far_out", 1)));

        Assert.True(output.OutOfDistribution);
    }

    [Fact]
    public async Task StartAsync_StartsBeforeTheFirstCall()
    {
        await using var adapter = new ProcessModelAdapter(Options("echo_model.py"));

        await adapter.StartAsync();
        var output = await adapter.PredictAsync(Features(("x", 1)));

        Assert.Equal("keep", output.Action.Name);
        Assert.Equal(0, adapter.Restarts);
    }

    [Fact]
    public async Task PredictAsync_ProcessDiesMidCall_FailsWithCrashedQuotingExitCodeAndStderr_ThenRestarts()
    {
        await using var adapter = new ProcessModelAdapter(Options("crash_after.py", "2"));

        await adapter.PredictAsync(Features(("x", 1)));
        await adapter.PredictAsync(Features(("x", 2)));
        var crash = await Assert.ThrowsAsync<ModelCallException>(() => adapter.PredictAsync(Features(("x", 3))).AsTask());

        Assert.Equal(ModelFailure.Crashed, crash.Failure);
        Assert.Contains("exited with code 3", crash.Message);
        Assert.Contains("RuntimeError: model exploded on purpose", crash.Message);
        Assert.Equal(1, adapter.Crashes);

        var after = await adapter.PredictAsync(Features(("x", 4)));

        Assert.Equal("keep", after.Action.Name);
        Assert.Equal(1, adapter.Restarts);
    }

    [Fact]
    public async Task PredictAsync_ModelHangs_FailsWithTimeout_KillsTheProcessTree_AndTheNextCallWorks()
    {
        await using var adapter = new ProcessModelAdapter(Options("hang_on.py"));
        var first = await adapter.PredictAsync(Features(("spawn", 1)));
        var grandchild = (int)first.Action.Value!.Value;
        var second = await adapter.PredictAsync(Features(("x", 1)));
        var child = (int)second.Action.Value!.Value;
        Assert.True(IsAlive(child));
        Assert.True(IsAlive(grandchild));

        var hang = await Assert.ThrowsAsync<ModelCallException>(() => adapter.PredictAsync(Features(("hang", 1))).AsTask());

        Assert.Equal(ModelFailure.Timeout, hang.Failure);
        Assert.Equal(1, adapter.Timeouts);
        Assert.True(await EventuallyAsync(() => !IsAlive(child)), "the hung model process is still running");
        Assert.True(await EventuallyAsync(() => !IsAlive(grandchild)), "the model's own child process is still running");

        var after = await adapter.PredictAsync(Features(("x", 2)));

        Assert.NotEqual(child, (int)after.Action.Value!.Value);
        Assert.Equal(1, adapter.Restarts);
    }

    [Fact]
    public async Task PredictAsync_CallerCancels_ThrowsOperationCanceled_AndTheNextCallRestarts()
    {
        await using var adapter = new ProcessModelAdapter(Options("hang_on.py") with { Timeout = TimeSpan.FromMinutes(5) });
        var before = await adapter.PredictAsync(Features(("x", 1)));
        using var cancel = new CancellationTokenSource();

        var call = adapter.PredictAsync(Features(("hang", 1)), cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(0, adapter.Timeouts);
        Assert.True(await EventuallyAsync(() => !IsAlive((int)before.Action.Value!.Value)));

        var after = await adapter.PredictAsync(Features(("x", 2)));

        Assert.Equal("keep", after.Action.Name);
        Assert.Equal(1, adapter.Restarts);
    }

    [Fact]
    public async Task PredictAsync_RestartBudgetSpent_FailsFastUntilTheWindowPasses()
    {
        var clock = new ManualTimeProvider();
        var options = Options("crash_after.py", "0") with { MaxRestarts = 2, RestartWindow = TimeSpan.FromMinutes(1) };
        await using var adapter = new ProcessModelAdapter(options, clock);

        for (var i = 0; i < 3; i++)
        {
            var crash = await Assert.ThrowsAsync<ModelCallException>(() => adapter.PredictAsync(Features(("x", i))).AsTask());
            Assert.Contains("exited with code 3", crash.Message);
        }

        Assert.Equal(2, adapter.Restarts);

        var refused = await Assert.ThrowsAsync<ModelCallException>(() => adapter.PredictAsync(Features(("x", 9))).AsTask());

        Assert.Equal(ModelFailure.Crashed, refused.Failure);
        Assert.Contains("crash-loop protection", refused.Message);
        Assert.Equal(2, adapter.Restarts);
        Assert.Equal(3, adapter.Crashes);

        clock.Advance(TimeSpan.FromSeconds(61));
        var again = await Assert.ThrowsAsync<ModelCallException>(() => adapter.PredictAsync(Features(("x", 10))).AsTask());

        Assert.Contains("exited with code 3", again.Message);
        Assert.Equal(3, adapter.Restarts);
    }

    [Theory]
    [InlineData(1, "not valid JSON")]
    [InlineData(2, "has id")]
    [InlineData(3, "\"confidence\" is NaN")]
    [InlineData(4, "longer than 1048576 bytes")]
    [InlineData(5, "\"confidence\" is the string \"high\"")]
    [InlineData(6, "\"confidence\" is 1.5")]
    [InlineData(7, "\"contribution\" is Infinity")]
    [InlineData(8, "\"action\" is empty")]
    [InlineData(9, "\"explanation[0].contribution\" is the string \"big\"")]
    public async Task PredictAsync_InvalidAnswer_NamesTheProblem_AndTheNextCallWorks(int mode, string expected)
    {
        // A generous call timeout: this test is about reading a bad answer, and writing a 1 MiB one can take over a
        // second on a loaded machine, which would turn the expected InvalidAnswer into a Timeout.
        await using var adapter = new ProcessModelAdapter(Options("bad_answers.py") with { Timeout = TimeSpan.FromSeconds(30) });
        await adapter.PredictAsync(Features(("mode", 0)));

        var bad = await Assert.ThrowsAsync<ModelCallException>(() => adapter.PredictAsync(Features(("mode", mode))).AsTask());
        var after = await adapter.PredictAsync(Features(("mode", 0)));

        Assert.Equal(ModelFailure.InvalidAnswer, bad.Failure);
        Assert.Contains(expected, bad.Message);
        Assert.Equal("keep", after.Action.Name);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task PredictAsync_AnswerOutOfStep_RestartsTheProcess(int mode)
    {
        await using var adapter = new ProcessModelAdapter(Options("bad_answers.py"));
        await adapter.PredictAsync(Features(("mode", 0)));

        await Assert.ThrowsAsync<ModelCallException>(() => adapter.PredictAsync(Features(("mode", mode))).AsTask());
        await adapter.PredictAsync(Features(("mode", 0)));

        Assert.Equal(1, adapter.Restarts);
    }

    [Fact]
    public async Task PredictAsync_BadFieldWithTheRightId_KeepsTheProcess()
    {
        await using var adapter = new ProcessModelAdapter(Options("bad_answers.py"));
        await adapter.PredictAsync(Features(("mode", 0)));

        await Assert.ThrowsAsync<ModelCallException>(() => adapter.PredictAsync(Features(("mode", 6))).AsTask());
        await adapter.PredictAsync(Features(("mode", 0)));

        Assert.Equal(0, adapter.Restarts);
    }

    [Fact]
    public async Task PredictAsync_ModelAnswersWithError_FailsWithModelErrorQuotingIt()
    {
        await using var adapter = new ProcessModelAdapter(Options("error_model.py"));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => adapter.PredictAsync(Features(("x", 1))).AsTask());

        Assert.Equal(ModelFailure.ModelError, error.Failure);
        Assert.Contains("weights not loaded: model.pkl missing", error.Message);
        Assert.Equal(0, adapter.Restarts);
    }

    [Fact]
    public async Task PredictAsync_ProgramMissing_FailsWithCrashedNamingIt()
    {
        await using var adapter = new ProcessModelAdapter(new ProcessModelOptions("rung-no-such-model-program", "v1"));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => adapter.PredictAsync(Features(("x", 1))).AsTask());

        Assert.Equal(ModelFailure.Crashed, error.Failure);
        Assert.Contains("rung-no-such-model-program", error.Message);
    }

    [Fact]
    public async Task PredictAsync_ConcurrentCalls_AreSerialisedAndEachGetsItsOwnAnswer()
    {
        await using var adapter = new ProcessModelAdapter(Options("echo_model.py"));

        var calls = Enumerable.Range(0, 20)
            .Select(i => adapter.PredictAsync(Features(("vibration_rms", i % 2 == 0 ? 2.0 : 0.0), ("n", i))).AsTask())
            .ToArray();
        var outputs = await Task.WhenAll(calls);

        for (var i = 0; i < outputs.Length; i++)
        {
            Assert.Equal(i, outputs[i].Explanation[1].Contribution);
            Assert.Equal(i % 2 == 0 ? "scrap" : "keep", outputs[i].Action.Name);
        }
    }

    [Fact]
    public async Task DisposeAsync_EndsTheProcess_AndLaterCallsThrowObjectDisposed()
    {
        var adapter = new ProcessModelAdapter(Options("echo_model.py"));
        var output = await adapter.PredictAsync(Features(("x", 1)));
        var pid = (int)output.Action.Value!.Value;

        await adapter.DisposeAsync();

        Assert.True(await EventuallyAsync(() => !IsAlive(pid)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => adapter.PredictAsync(Features(("x", 1))).AsTask());
    }

    [Fact]
    public void Constructor_BadOptions_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => new ProcessModelAdapter(new ProcessModelOptions("python3", "v1") { Timeout = TimeSpan.Zero }));

        Assert.Contains("Timeout", error.Message);
    }
}
