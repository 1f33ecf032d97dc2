using Rung.Testing;

namespace Rung.UseCases.Tests;

public sealed class DurationTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("2s", 2_000)]
    [InlineData("15m", 900_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1d2h", 93_600_000)]
    [InlineData("30m1h", 5_400_000)]
    [InlineData("1m500ms", 60_500)]
    public void Load_Duration_MapsToTimeSpan(string text, long milliseconds)
    {
        var agent = UseCaseLoader.Load(MinimalUseCase.With($"  slo: {{ latency_budget: {text} }}\n"), "d.yaml").Definition.Agent;

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), agent.Slo.LatencyBudget);
    }

    [Fact]
    public void Load_DurationBeyondTenYears_IsRefused()
    {
        Expect.OnlyError(MinimalUseCase.With("  slo: { exception_sla: 4000d }\n"), 21, 25, "is longer than the limit of 3650 days");
    }

    [Fact]
    public void Load_HoursToMidnight_MapsToEndOfDay()
    {
        var calendar = UseCaseLoader.Load(MinimalUseCase.With("  calendar: { hours: \"00:00-24:00\", working_days: [Sat, Sunday] }\n"), "c.yaml").Definition.Agent.Calendar;

        Assert.Equal((TimeOnly.MinValue, TimeOnly.MaxValue), (calendar.DayStart, calendar.DayEnd));
        Assert.Equal([DayOfWeek.Sunday, DayOfWeek.Saturday], calendar.WorkingDays.Order());
        Assert.Equal(TimeZoneInfo.Utc, calendar.TimeZone);
    }
}
