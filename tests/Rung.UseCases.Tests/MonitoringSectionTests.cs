using Rung.Testing;

namespace Rung.UseCases.Tests;

public sealed class MonitoringSectionTests
{
    [Fact]
    public void Load_NoMonitoringSection_UsesDefaults()
    {
        var agent = UseCaseLoader.Load(MinimalUseCase.Text, "m.yaml").Definition.Agent;
        Assert.Null(agent.Monitoring);
        Assert.Equal(TimeSpan.FromMinutes(30), agent.MonitoringOrDefault.EscalateAfter);
        Assert.Null(agent.MonitoringOrDefault.BackupOwner);
    }

    [Fact]
    public void Load_MonitoringSection_MapsEveryKey()
    {
        var agent = UseCaseLoader.Load(MinimalUseCase.With("""
              monitoring:
                backup_owner: plant.duty
                escalate_after: 15m
                clear_after: 2h
                drift_window: 300
                data_quality_max_rate: 0.02
                runbook:
                  slo.alert_line: Lead reviews the window.
                  drift.input: Check the sensor.
            """), "m.yaml").Definition.Agent;
        var m = agent.MonitoringOrDefault;
        Assert.Equal("plant.duty", m.BackupOwner);
        Assert.Equal(TimeSpan.FromMinutes(15), m.EscalateAfter);
        Assert.Equal(TimeSpan.FromHours(2), m.ClearAfter);
        Assert.Equal(300, m.DriftWindow);
        Assert.Equal(0.02, m.DataQualityMaxRate);
        Assert.Equal("Lead reviews the window.", m.Runbook["slo.alert_line"]);
        Assert.Equal(2, m.Runbook.Count);
    }

    [Fact]
    public void Load_RunbookForAnUnknownRule_IsRefusedWithASuggestion()
    {
        Expect.Error(MinimalUseCase.With("""
              monitoring:
                runbook:
                  slo.alert_lines: Lead reviews the window.
            """), 23, 7, "did you mean 'slo.alert_line'");
    }

    [Fact]
    public void Load_DriftWindowTooSmall_IsRefused()
    {
        Expect.Error(MinimalUseCase.With("""
              monitoring:
                drift_window: 5
            """), 22, 19, "agent.monitoring.drift_window");
    }

    [Fact]
    public void Load_StopOn_KeepsRulesAndFamilies_InOrder_WithoutRepeats()
    {
        var m = UseCaseLoader.Load(MinimalUseCase.With("""
              monitoring:
                stop_on: [edge.watchdog, model.failure, drift.*, edge.watchdog]
            """), "m.yaml").Definition.Agent.MonitoringOrDefault;
        Assert.Equal(["edge.watchdog", "model.failure", "drift.*"], m.StopOn);
        Assert.True(StopOnRules.Matches(m.StopOn, "drift.concept"));
        Assert.True(StopOnRules.Matches(m.StopOn, "edge.watchdog"));
        Assert.False(StopOnRules.Matches(m.StopOn, "edge.buffer"));
        Assert.False(StopOnRules.Matches(m.StopOn, "driftless"));
    }

    [Fact]
    public void Load_NoStopOn_StopsOnNothing()
    {
        var agent = UseCaseLoader.Load(MinimalUseCase.Text, "m.yaml").Definition.Agent;
        Assert.Empty(agent.MonitoringOrDefault.StopOn);
    }

    [Fact]
    public void Load_StopOnAnUnknownRule_IsRefusedNamingTheRuleAndItsPlace()
    {
        var error = Expect.OnlyError(MinimalUseCase.With("""
              monitoring:
                stop_on:
                  - edge.watchdog
                  - edge.watchdogs
            """), 24, 9, "'edge.watchdogs' is not an alarm rule");
        Assert.Contains("agent.monitoring.stop_on[1]", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("did you mean 'edge.watchdog'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_StopOnAFamilyThatHoldsNoRule_IsRefused()
    {
        Expect.OnlyError(MinimalUseCase.With("""
              monitoring:
                stop_on: [weather.*]
            """), 22, 15, "'weather.*' is not an alarm rule");
    }
}
