namespace Rung.Runtime.Tests.Notifications;

/// <summary>Moves a <see cref="SteppedTimeProvider"/> to each timer the work schedules until the work ends.</summary>
internal static class TimeDriver
{
    /// <param name="work">The delivery under test.</param>
    /// <param name="time">The clock it runs on.</param>
    /// <param name="advanceTimer">Which timers (by scheduled due time) to fire; others are left pending.</param>
    public static async Task RunAsync(Task work, SteppedTimeProvider time, Func<TimeSpan, bool> advanceTimer)
    {
        // A guard against a hung test only; nothing is asserted about wall-clock time.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!work.IsCompleted)
        {
            var next = time.WaitForTimerAsync(advanceTimer, guard.Token);
            var first = await Task.WhenAny(work, next);
            if (first == work)
            {
                break;
            }

            time.Advance(await next);
        }

        await guard.CancelAsync();
        await work;
    }
}
