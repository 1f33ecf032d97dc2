using Rung.Core.Ladder;
using Rung.Gates.Portfolio;
using Rung.Storage.Journal;
using static Rung.Gates.Tests.Fixture;

namespace Rung.Gates.Tests;

public sealed class PortfolioTests
{
    [Fact]
    public void Compute_TwoOfThreeInProduction_MedianDaysQuarterLinesShiftsAndPausedTime()
    {
        static StageChange C(string id, Stage from, Stage to, DateTimeOffset at) => new(id, from, to, to == from ? StageChangeKind.Initial : StageChangeKind.Promotion, at, "x", "r", new Dictionary<string, string>());
        var t0 = new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);
        PortfolioAgent A(string id, string scope, IReadOnlyList<StageChange> history, string? template, int early) =>
            new(new AgentRecord(id, "uc", scope, history[^1].To, history[^1].At, "{}"), history, [], new Dictionary<string, int> { ["early"] = early, ["night"] = 1 }, template);

        var agents = new[]
        {
            A("a", "acme/s/area/line1/cell1", [C("a", Stage.Shadow, Stage.Shadow, t0), C("a", Stage.AutoWithExceptions, Stage.ProductionOwned, t0.AddDays(40))], "quality-v1", 10),
            A("b", "acme/s/area/line1/cell2", [C("b", Stage.Shadow, Stage.Shadow, t0), C("b", Stage.AutoWithExceptions, Stage.ProductionOwned, t0.AddDays(100))], "quality-v1", 5),
            A("c", "acme/s/area/line2", [C("c", Stage.Shadow, Stage.Shadow, t0), C("c", Stage.Shadow, Stage.Paused, Now.AddDays(-3))], null, 0),
        };
        var kpis = PortfolioCalculator.Compute(agents, Now);
        Assert.Equal(3, kpis.Agents);
        Assert.Equal(new Dictionary<string, int> { ["2026-Q1"] = 1, ["2026-Q2"] = 1 }, kpis.InProductionByQuarter);
        Assert.Equal(70, kpis.MedianDaysToProduction);
        Assert.Equal(2, kpis.TemplateReuse["quality-v1"]);
        Assert.Equal(2, kpis.AdoptionByLine["acme/s/area/line1"]);
        Assert.Equal(15, kpis.CasesByShift["early"]);
        Assert.Equal(3, kpis.PausedDays["c"], 9);
        Assert.Equal(0, kpis.MonitoredShare);
        Assert.Equal("night", PortfolioCalculator.ShiftOf(5));
        Assert.Equal("late", PortfolioCalculator.ShiftOf(14));
    }
}
