using Rung.Core.Ladder;
using Rung.Core.Proposals;
using Rung.Core.UseCases;
using Rung.Testing;

namespace Rung.UseCases.Tests;

public sealed class SampleFileTests
{
    [Fact]
    public void LoadFile_MachiningSample_MapsEverySection()
    {
        var file = UseCaseLoader.LoadFile(RepoPaths.Sample("machining-quality"));
        var useCase = file.Definition;
        var agent = useCase.Agent;

        Assert.True(Path.IsPathFullyQualified(file.SourcePath));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(file.SourcePath)!, "pilot_model.py")));
        Assert.Equal("line3-surface-quality", useCase.Id);
        Assert.Equal(4.1, useCase.Business.Baseline);
        Assert.Equal("line3.lead", useCase.Business.Owner);
        Assert.Equal("EUR", useCase.Business.Currency);
        Assert.Equal(120, useCase.Business.Costs[0].MonthlyAmount);

        Assert.Equal("acme/dortmund/machining/line3/cell2", agent.Scope);
        Assert.Equal(Stage.Shadow, agent.InitialStage);
        Assert.Equal(
            ["spindle_speed", "feed_rate", "spindle_temp", "vibration_rms", "spindle_torque", "tool_wear", "ambient_temp"],
            agent.Inputs.Select(i => i.Name));
        var ambient = agent.Inputs.Single(i => i.Name == "ambient_temp");
        Assert.Equal((-20.0, 60.0, "degC"), (ambient.Min, ambient.Max, ambient.Unit));
        Assert.Equal(20000, agent.Inputs[0].Max);

        Assert.Equal(
            [("accept", Severity.Medium), ("scrap", Severity.Low), ("hold_for_inspection", Severity.Low), ("stop_line", Severity.High)],
            agent.Actions.Select(a => (a.Name, a.Severity)));
        Assert.Equal("hold_for_inspection", agent.DefaultAction);

        Assert.Equal(new ModelReference(ModelKind.Process, "pilot-1.0", "python3", agent.Model.Arguments, TimeSpan.FromSeconds(2)), agent.Model);
        Assert.Equal(["pilot_model.py"], agent.Model.Arguments);

        Assert.Equal(["accept", "scrap", "hold_for_inspection", "stop_line"], agent.Guard.AllowedActions);
        var limit = Assert.Single(agent.Guard.RateLimits);
        Assert.Equal(("scrap", 40, TimeSpan.FromHours(1)), (limit.Action, limit.MaxCount, limit.Window));
        Assert.Equal(["acme/+/+/+/safety/#"], agent.Guard.ForbiddenTargets);

        Assert.Equal(TimeSpan.FromHours(4), agent.Slo.ExceptionSla);
        Assert.Equal(TimeSpan.FromMilliseconds(100), agent.Slo.LatencyBudget);
        Assert.Equal(0.92, agent.Slo.AccuracyFloor);
        Assert.Equal(0.9, agent.Thresholds.MinConfidence);

        Assert.Equal("Europe/Berlin", agent.Calendar.TimeZone.Id);
        Assert.Equal(new TimeOnly(6, 0), agent.Calendar.DayStart);
        Assert.Equal(new TimeOnly(22, 0), agent.Calendar.DayEnd);
        Assert.Equal(5, agent.Calendar.WorkingDays.Count);
        Assert.DoesNotContain(DayOfWeek.Saturday, agent.Calendar.WorkingDays);
        Assert.Contains(new DateOnly(2026, 12, 25), agent.Calendar.Holidays);

        Assert.Equal(
            [("accept", "stop_line", Severity.High), ("accept", "scrap", Severity.Medium), ("scrap", "accept", Severity.Low)],
            agent.ErrorSeverity.Select(r => (r.Proposed, r.Actual, r.Severity)));
        Assert.Equal(
            [
                new PromotionCriteria(Stage.Shadow, 14, 1500, 0.92),
                new PromotionCriteria(Stage.ApproveEach, 21, 1500, 0.92),
                new PromotionCriteria(Stage.AutoWithExceptions, 28, 2000, 0.92),
            ],
            agent.Promotion);
    }

    [Fact]
    public void LoadFile_OrderEntrySample_MapsInProcessModelAndValueLimits()
    {
        var agent = UseCaseLoader.LoadFile(RepoPaths.Sample("order-entry")).Definition.Agent;

        Assert.Equal(ModelKind.InProcess, agent.Model.Kind);
        Assert.Equal(("order-model.json", "1.0"), (agent.Model.Command, agent.Model.Version));
        Assert.Empty(agent.Model.Arguments);
        Assert.Equal(TimeSpan.FromMilliseconds(500), agent.Model.TimeoutOrDefault);
        Assert.Equal(Stage.Shadow, agent.InitialStage);

        var draft = agent.Actions.Single(a => a.Name == "draft_order");
        Assert.Equal((Severity.Medium, 5000.0), (draft.Severity, draft.HighSeverityAbove));
        Assert.Equal("escalate_planner", agent.DefaultAction);

        var range = Assert.Single(agent.Guard.Ranges);
        Assert.Equal(("draft_order", 0.0, 10000.0), (range.Action, range.Min, range.Max));
        Assert.Equal(TimeSpan.FromDays(1), Assert.Single(agent.Guard.RateLimits).Window);
        Assert.Equal(["acme/+/finance/#"], agent.Guard.ForbiddenTargets);
        Assert.Contains(agent.ErrorSeverity, r => r.Proposed == "*" && r.Actual == "escalate_planner");
        Assert.Equal(TimeSpan.FromDays(1), agent.Slo.ExceptionSlaOrDefault);
        Assert.Equal(0.85, agent.Slo.AlertLine);
        Assert.False(agent.Inputs.Single(i => i.Name == "safety_stock").Required);
    }

    [Fact]
    public void Load_MinimalFile_FillsCoreDefaults()
    {
        var agent = UseCaseLoader.Load(MinimalUseCase.Text, "minimal.yaml").Definition.Agent;

        Assert.Equal("minimal.yaml", UseCaseLoader.Load(MinimalUseCase.Text, "minimal.yaml").SourcePath);
        Assert.Equal(Stage.Shadow, agent.InitialStage);
        Assert.Same(Core.Calendar.SiteCalendar.Default, agent.Calendar);
        Assert.Equal(new Core.Slo.Slo(), agent.Slo);
        Assert.Equal(0.9, agent.Thresholds.MinConfidence);
        Assert.Empty(agent.Guard.AllowedActions);
        Assert.Empty(agent.Promotion);
        Assert.True(agent.Inputs[0].Required);
    }
}
