using Rung.Core.Ladder;
using Rung.Core.Proposals;
using Rung.Gates.Evaluation;
using Rung.Storage.Gates;
using static Rung.Gates.Tests.Fixture;

namespace Rung.Gates.Tests;

public sealed class LowerGateTests
{
    [Fact]
    public void Shadow_VolumeAtMinimumPasses_OneShortFails()
    {
        var since = Now - TimeSpan.FromDays(10);
        var cases = Enumerable.Range(0, 100).Select(i => Case(i, since + TimeSpan.FromHours(i), Stage.Shadow, true, disposition: Core.Policy.Disposition.Logged)).ToList();
        var report = GateEvaluator.Evaluate(UseCase(), Evidence(Stage.Shadow, since, cases));
        Assert.True(report.Passed, report.Headline);
        Assert.Equal(Stage.ApproveEach, report.To);

        var fewer = GateEvaluator.Evaluate(UseCase(), Evidence(Stage.Shadow, since, cases.Skip(1).ToList()));
        var volume = Criterion(fewer, "shadow.volume");
        Assert.False(volume.Passed);
        Assert.Equal("99 labelled live cases on Shadow, 100 required", volume.Summary);
        Assert.Equal(Stage.Shadow, fewer.ReturnTo);
    }

    [Fact]
    public void Shadow_OneClassUnderItsThreshold_FailsPerClassOnly()
    {
        var since = Now - TimeSpan.FromDays(10);
        var cases = Enumerable.Range(0, 100).Select(i => Case(i, since + TimeSpan.FromHours(i), Stage.Shadow, true, disposition: Core.Policy.Disposition.Logged)).ToList();
        // The agent proposed 'scrap' 10 times and the humans scrapped 7 of them: 70 % in that class, overall 97 %.
        cases.AddRange(Enumerable.Range(100, 10).Select(i => Case(i, since + TimeSpan.FromHours(i), Stage.Shadow, i >= 103, label: i >= 103 ? "scrap" : "accept", disposition: Core.Policy.Disposition.Logged) with { ProposedAction = "scrap" }));
        var report = GateEvaluator.Evaluate(UseCase(), Evidence(Stage.Shadow, since, cases));
        Assert.True(Criterion(report, "shadow.agreement").Passed);
        var perClass = Criterion(report, "shadow.class_agreement");
        Assert.False(perClass.Passed);
        Assert.Contains("scrap 70.0 %", perClass.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Shadow_HighSeverityDisagreement_PassesOnlyOnceExplained()
    {
        var since = Now - TimeSpan.FromDays(10);
        var cases = Enumerable.Range(0, 100).Select(i => Case(i, since + TimeSpan.FromHours(i), Stage.Shadow, i != 7, Severity.High, disposition: Core.Policy.Disposition.Logged)).ToList();
        var evidence = Evidence(Stage.Shadow, since, cases);
        Assert.False(Criterion(GateEvaluator.Evaluate(UseCase(), evidence), "shadow.high_severity").Passed);
        var explained = evidence with { Attestations = [new Attestation("agent-1", "case:c7", "qa.lead", Now, "operator override was a mislabel")] };
        Assert.True(Criterion(GateEvaluator.Evaluate(UseCase(), explained), "shadow.high_severity").Passed);
    }

    [Fact]
    public void ApproveEach_RateAtThreshold_ReviewedRejections_AcknowledgedTestPage_Passes()
    {
        var since = Now - TimeSpan.FromDays(10);
        var verdicts = Enumerable.Range(0, 50).Select(i => Verdict(i, i >= 5, since + TimeSpan.FromHours(i))).ToList();
        var evidence = Evidence(Stage.ApproveEach, since, []) with
        {
            Approvals = verdicts,
            Alarms = [AcknowledgedTestPage()],
            Attestations = [new Attestation("agent-1", "review:rejections", "line.lead", since + TimeSpan.FromHours(60), "tool-wear cases: retrain planned")],
        };
        var report = GateEvaluator.Evaluate(UseCase(), evidence);
        Assert.True(report.Passed, report.Headline);

        var unreviewed = evidence with { Attestations = [new Attestation("agent-1", "review:rejections", "line.lead", since + TimeSpan.FromHours(2), "early look")] };
        Assert.False(Criterion(GateEvaluator.Evaluate(UseCase(), unreviewed), "approve.rejections_reviewed").Passed);

        var noPage = evidence with { Alarms = [AcknowledgedTestPage() with { AcknowledgedAt = null, AcknowledgedBy = null, State = Core.Alarms.AlarmState.Open }] };
        Assert.False(Criterion(GateEvaluator.Evaluate(UseCase(), noPage), "approve.monitoring").Passed);

        var lowRate = evidence with { Approvals = [.. verdicts.Select((v, i) => i == 10 ? v with { Verdict = Core.Approvals.Verdict.Rejected, Reason = "late" } : v)] };
        var rate = Criterion(GateEvaluator.Evaluate(UseCase(), lowRate), "approve.rate");
        Assert.False(rate.Passed);
        Assert.Equal(Stage.ApproveEach, rate.ReturnTo);
    }

    [Fact]
    public void Readiness_DerivesWhatItCan_AndTakesAttestationsForTheRest()
    {
        var evidence = PassingProduction() with { Alarms = [AcknowledgedTestPage()] };
        var items = GateEvaluator.Evaluate(UseCase(), evidence).Readiness.ToDictionary(i => i.Id);
        Assert.Equal("system", items["kill_scale_criteria"].Source);
        Assert.True(items["monitoring"].Met);
        Assert.False(items["operators_trained"].Met);
        Assert.False(items["governance"].Met);

        var attested = evidence with
        {
            Attestations =
            [
                new Attestation("agent-1", "readiness:operators_trained", "shift.lead", Now, "all three shifts, record TR-9"),
                new Attestation("agent-1", "readiness:governance", "someone.else", Now, "looked at it"),
            ],
        };
        items = GateEvaluator.Evaluate(UseCase(), attested).Readiness.ToDictionary(i => i.Id);
        Assert.True(items["operators_trained"].Met);
        Assert.Contains("shift.lead on 2026-06-01", items["operators_trained"].Detail, StringComparison.Ordinal);
        Assert.False(items["governance"].Met); // only the named reviewer (qa.lead) may attest governance
    }
}
