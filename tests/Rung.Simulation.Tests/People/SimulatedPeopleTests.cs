using Rung.Simulation.Parts;
using Rung.Simulation.People;

namespace Rung.Simulation.Tests.People;

public sealed class SimulatedPeopleTests
{
    private static readonly TimeZoneInfo Berlin = SiteTimeZones.EuropeBerlin();
    private static readonly List<SimulatedPart> TwoMonths = Lines.Days(Lines.Default(), 0, 56);

    [Theory]
    [InlineData(0.04)]
    [InlineData(0.10)]
    public void OperatorAction_errs_at_about_the_configured_rate(double rate)
    {
        var people = new SimulatedPeople(new LineSimulationOptions { Seed = 42, OperatorErrorRate = rate });

        var observed = Lines.Rate(TwoMonths, p => people.OperatorAction(p) != p.TrueAction);

        Assert.InRange(observed, rate * 0.8, rate * 1.2);
    }

    [Fact]
    public void OperatorAction_rarely_misses_a_stop_line()
    {
        var people = new SimulatedPeople(new LineSimulationOptions { Seed = 42, OperatorErrorRate = 0.5 });
        var stops = TwoMonths.Where(p => p.TrueAction == PartActions.StopLine).ToList();

        var missed = Lines.Rate(stops, p => people.OperatorAction(p) != PartActions.StopLine);

        Assert.True(stops.Count > 20, $"only {stops.Count} stop_line parts");
        Assert.True(missed < 0.15, $"missed {missed:P0} of stop_line parts at a 50 % error rate");
    }

    [Fact]
    public void Answers_are_the_same_however_often_and_in_whatever_order_they_are_asked()
    {
        var people = new SimulatedPeople(new LineSimulationOptions { Seed = 42, OperatorErrorRate = 0.3 });
        var forward = TwoMonths.Take(500).Select(people.OperatorAction).ToList();
        var backward = TwoMonths.Take(500).Reverse().Select(people.OperatorAction).Reverse().ToList();

        Assert.Equal(forward, backward);
    }

    [Fact]
    public void ApproverVerdict_approves_the_truth_and_rejects_the_rest_with_a_reason()
    {
        var people = new SimulatedPeople(new LineSimulationOptions { Seed = 42 });
        var verdicts = TwoMonths.Select(p => (Part: p, Right: people.ApproverVerdict(p, p.TrueAction), Wrong: people.ApproverVerdict(p, WrongAction(p))))
            .ToList();

        var approvedTruth = verdicts.Count(v => v.Right.Approved) / (double)verdicts.Count;
        Assert.InRange(approvedTruth, 0.96, 0.985);
        Assert.All(verdicts.Where(v => !v.Right.Approved), v =>
        {
            Assert.False(string.IsNullOrWhiteSpace(v.Right.Reason));
            Assert.NotEqual(v.Part.TrueAction, v.Right.CorrectAction);
        });
        Assert.All(verdicts.Where(v => v.Right.Approved), v => Assert.Null(v.Right.Reason));
        Assert.True(verdicts.Count(v => !v.Wrong.Approved) / (double)verdicts.Count > 0.96);
        Assert.All(verdicts, v => Assert.Equal(v.Right.CorrectAction, v.Wrong.CorrectAction));
    }

    [Fact]
    public void ApproverVerdict_refuses_an_unknown_action()
    {
        var people = new SimulatedPeople(new LineSimulationOptions());

        var error = Assert.Throws<ArgumentException>(() => people.ApproverVerdict(TwoMonths[0], "rework"));

        Assert.Equal("proposedAction", error.ParamName);
        Assert.Contains("rework", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExceptionDecision_is_right_about_as_often_as_an_approver()
    {
        var people = new SimulatedPeople(new LineSimulationOptions { Seed = 42 });

        var wrong = Lines.Rate(TwoMonths, p => people.ExceptionDecision(p) != p.TrueAction);

        Assert.InRange(wrong, 0.02, 0.04);
    }

    [Fact]
    public void ExceptionHandlingDelay_in_shift_is_half_an_hour_to_three_hours()
    {
        var people = new SimulatedPeople(new LineSimulationOptions { Seed = 42 });
        var morning = TwoMonths.Where(p => TimeZoneInfo.ConvertTime(p.ProducedAt, Berlin).Hour is >= 6 and < 18).Take(300);

        Assert.All(morning, p => Assert.InRange(people.ExceptionHandlingDelay(p, p.ProducedAt), TimeSpan.FromHours(0.5), TimeSpan.FromHours(3)));
    }

    [Fact]
    public void ExceptionHandlingDelay_off_shift_waits_for_the_next_shift()
    {
        var people = new SimulatedPeople(new LineSimulationOptions { Seed = 42 });
        var saturdayNoon = new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.FromHours(1));
        var fridayLate = new DateTimeOffset(2026, 1, 9, 21, 50, 0, TimeSpan.FromHours(1));
        var mondayShift = new DateTimeOffset(2026, 1, 12, 6, 0, 0, TimeSpan.FromHours(1));

        foreach (var created in new[] { saturdayNoon, fridayLate })
        {
            var handled = created + people.ExceptionHandlingDelay(TwoMonths[0], created);
            Assert.InRange(handled, mondayShift.AddMinutes(15), mondayShift.AddHours(1.5));
        }
    }

    [Fact]
    public void QcResult_is_the_truth_after_the_qc_delay()
    {
        var people = new SimulatedPeople(new LineSimulationOptions { QcDelay = TimeSpan.FromHours(4) });

        Assert.All(TwoMonths.Take(200), p =>
        {
            var finding = people.QcResult(p);
            Assert.Equal(p.TrueAction, finding.TrueAction);
            Assert.Equal(p.PartId, finding.PartId);
            Assert.Equal(p.ProducedAt.AddHours(4), finding.AvailableAt);
        });
    }

    private static string WrongAction(SimulatedPart part) =>
        part.TrueAction == PartActions.Accept ? PartActions.Scrap : PartActions.Accept;
}
