using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rung.Server.Hosting;

namespace Rung.Storage.Tests.Jobs;

/// <summary>A server's background job survives its own failures: a throwing run is logged and the next tick runs again.</summary>
public sealed class BackgroundJobLoopTests
{
    // A guard against a hung loop, not a performance assertion.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_run_that_throws_is_logged_and_the_job_runs_again_at_its_next_tick()
    {
        var logger = new CountingLogger();
        var runs = 0;
        var thirdRun = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopping = new CancellationTokenSource();
        Task Run(CancellationToken cancellationToken)
        {
            var run = Interlocked.Increment(ref runs);
            if (run == 3)
            {
                thirdRun.TrySetResult();
            }

            // Neither a database nor an I/O error (a column read as the wrong type): what a narrow catch filter let through to the host.
            return run <= 2 ? throw new InvalidCastException($"run {run} read a column of the wrong type") : Task.CompletedTask;
        }

        var loop = BackgroundJobLoop.RunAsync("test.sweep", Run, TimeSpan.FromMilliseconds(20), runAtStart: true, TimeProvider.System, logger, stopping.Token);
        await thirdRun.Task.WaitAsync(HangGuard);
        await stopping.CancelAsync();
        await loop.WaitAsync(HangGuard);

        Assert.Equal(TaskStatus.RanToCompletion, loop.Status);
        Assert.Equal(2, logger.Errors.Count);
        Assert.All(logger.Errors, e => Assert.IsType<InvalidCastException>(e));
    }

    [Fact]
    public async Task A_failed_run_reports_false_and_only_shutdown_propagates()
    {
        var logger = new CountingLogger();
        Assert.False(await BackgroundJobLoop.RunOnceAsync("test.sweep", _ => throw new InvalidCastException("bad row"), logger, CancellationToken.None));
        Assert.True(await BackgroundJobLoop.RunOnceAsync("test.sweep", _ => Task.CompletedTask, logger, CancellationToken.None));
        Assert.IsType<InvalidCastException>(Assert.Single(logger.Errors));

        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => BackgroundJobLoop.RunOnceAsync("test.sweep", t => Task.Delay(Timeout.Infinite, t), NullLogger.Instance, stopped.Token));
    }

    private sealed class CountingLogger : ILogger
    {
        private readonly List<Exception> _errors = [];

        public IReadOnlyList<Exception> Errors
        {
            get
            {
                lock (_errors)
                {
                    return [.. _errors];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Error && exception is not null)
            {
                lock (_errors)
                {
                    _errors.Add(exception);
                }
            }
        }
    }
}
