using Rung.Testing;

namespace Rung.UseCases.Tests;

/// <summary>Each malformed file gets an error at the exact line and column, naming the key path.</summary>
public sealed class MalformedFileTests
{
    [Fact]
    public void Load_SyntaxError_ReportsYamlDotNetPosition()
    {
        const string yaml = """
            usecase:
              id: demo
              name: [Demo
            business:
            """;

        Expect.OnlyError(yaml, 3, 9, "YAML syntax error: the text could not be read on from here; look for an unclosed bracket");
    }

    [Fact]
    public void Load_BadIndentation_ReportsYamlDotNetPositionWithoutItsPrefix()
    {
        const string yaml = """
            usecase:
              id: demo
             name: Demo
            """;

        var error = Expect.OnlyError(yaml, 3, 2, "YAML syntax error: While parsing a block mapping, did not find expected key");
        Assert.DoesNotContain("Idx:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnquotedWildcard_IsASyntaxErrorAtTheStar()
    {
        const string yaml = """
            usecase:
              id: *
            """;

        Expect.OnlyError(yaml, 2, 7, "YAML syntax error: ");
    }

    [Fact]
    public void Load_UnknownKey_SuggestsClosestKnownKey()
    {
        const string yaml = """
            usecase:
              id: demo
              nmae: Demo
            """;

        Expect.Error(yaml, 3, 3, "usecase.nmae: unknown key; did you mean 'name'?");
    }

    [Fact]
    public void Load_UnknownKeyFarFromAny_ListsKnownKeys()
    {
        var error = Expect.OnlyError(MinimalUseCase.With("  colour: blue\n"), 21, 3, "agent.colour: unknown key; expected one of: id, scope,");
        Assert.DoesNotContain("did you mean", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateKey_PointsAtSecondAndNamesFirst()
    {
        const string yaml = """
            usecase:
              id: demo
              name: Demo
              id: other
            """;

        Expect.Error(yaml, 4, 3, "usecase.id: duplicate key; first defined at line 2, column 3");
    }

    [Fact]
    public void Load_QuotedStringWhereNumberWanted_IsWrongType()
    {
        var yaml = MinimalUseCase.Text.Replace("baseline: 4", "baseline: \"4.1\"", StringComparison.Ordinal);

        Expect.OnlyError(yaml, 7, 13, "business.baseline: expected a number, found the quoted string '4.1'");
    }

    [Fact]
    public void Load_WordWhereNumberWanted_IsWrongType()
    {
        var yaml = MinimalUseCase.Text.Replace("target: 2", "target: low", StringComparison.Ordinal);

        Expect.OnlyError(yaml, 8, 11, "business.target: expected a number, found 'low'");
    }

    [Fact]
    public void Load_ListWhereTextWanted_IsWrongType()
    {
        Expect.OnlyError(MinimalUseCase.With("  thresholds: { min_confidence: [0.9] }\n"), 21, 33, "agent.thresholds.min_confidence: expected a number, found a list");
    }

    [Theory]
    [InlineData(".nan")]
    [InlineData(".inf")]
    [InlineData("-.Inf")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void Load_NonFiniteNumber_IsRefused(string value)
    {
        var yaml = MinimalUseCase.Text.Replace("value_per_case: 1", $"value_per_case: {value}", StringComparison.Ordinal);

        Expect.OnlyError(yaml, 10, 19, $"business.value_per_case: '{value}' is not allowed; expected a finite number");
    }

    [Fact]
    public void Load_NumberOutOfRange_SaysTheLimit()
    {
        Expect.OnlyError(MinimalUseCase.With("  thresholds: { min_confidence: 1.5 }\n"), 21, 33, "agent.thresholds.min_confidence: must be at most 1, found 1.5");
    }

    [Fact]
    public void Load_UndeclaredDefaultAction_NamesDeclaredActionsAndSuggests()
    {
        var yaml = MinimalUseCase.Text.Replace("default_action: scrap", "default_action: scarp", StringComparison.Ordinal);

        Expect.OnlyError(yaml, 20, 19, "agent.default_action: 'scarp' is not a declared action (declared: accept, scrap); did you mean 'scrap'?");
    }

    [Fact]
    public void Load_UndeclaredActionInGuardAndRules_IsReportedEachTime()
    {
        var errors = Expect.Errors(MinimalUseCase.With("""
              guard:
                allowed_actions: [accept, stop]
                rate_limits: [ { action: hold, max: 3, window: 1h } ]
              error_severity:
                - { proposed: '*', actual: stop, severity: High }

            """));

        Assert.Equal(3, errors.Count);
        Expect.Has(errors, 22, 31, "agent.guard.allowed_actions[1]: 'stop' is not a declared action");
        Expect.Has(errors, 23, 30, "agent.guard.rate_limits[0].action: 'hold' is not a declared action");
        Expect.Has(errors, 25, 32, "agent.error_severity[0].actual: 'stop' is not a declared action (declared: accept, scrap or '*')");
    }

    [Fact]
    public void Load_DuplicateActionName_PointsBackAtFirst()
    {
        var yaml = MinimalUseCase.Text.Replace("{ name: scrap, severity: Low }", "{ name: accept, severity: Low }", StringComparison.Ordinal)
            .Replace("default_action: scrap", "default_action: accept", StringComparison.Ordinal);

        Expect.OnlyError(yaml, 19, 15, "agent.actions[1].name: duplicate action name 'accept'; first declared at line 18, column 15");
    }

    [Fact]
    public void Load_InputMinNotBelowMax_IsRefused()
    {
        var yaml = MinimalUseCase.Text.Replace("min: 0, max: 1", "min: 5, max: 5", StringComparison.Ordinal);

        Expect.OnlyError(yaml, 16, 39, "agent.inputs[0].min: min (5) must be less than max (5)");
    }

    [Fact]
    public void Load_GuardRangeMinAboveMax_IsRefused()
    {
        Expect.OnlyError(
            MinimalUseCase.With("  guard: { ranges: [ { action: accept, min: 10, max: -10 } ] }\n"),
            21,
            45,
            "agent.guard.ranges[0].min: min (10) must be less than max (-10)");
    }

    [Fact]
    public void Load_AlertLineAboveAccuracyFloor_IsRefused()
    {
        Expect.OnlyError(
            MinimalUseCase.With("  slo:\n    accuracy_floor: 0.9\n    alert_line: 0.95\n"),
            23,
            17,
            "agent.slo.alert_line: the alert line (0.95) must not be above the accuracy floor (0.9)");
    }

    [Fact]
    public void Load_FloorBelowDefaultAlertLine_MentionsTheDefault()
    {
        Expect.OnlyError(
            MinimalUseCase.With("  slo: { accuracy_floor: 0.85 }\n"),
            21,
            26,
            "the alert line (0.9, the default) must not be above the accuracy floor (0.85)");
    }

    [Fact]
    public void Load_UnknownTimeZone_IsRefused()
    {
        Expect.OnlyError(
            MinimalUseCase.With("  calendar:\n    time_zone: Europe/Dortmund\n"),
            22,
            16,
            "agent.calendar.time_zone: unknown time zone 'Europe/Dortmund'");
    }

    [Theory]
    [InlineData("1.5h", "is not a duration")]
    [InlineData("90", "is not a duration")]
    [InlineData("0s", "must be longer than zero")]
    [InlineData("1h1h", "gives the unit 'h' twice")]
    [InlineData("-2s", "is not a duration")]
    [InlineData("4 hours", "is not a duration")]
    public void Load_BadDuration_IsRefused(string value, string fragment)
    {
        Expect.OnlyError(MinimalUseCase.With($"  slo:\n    exception_sla: {value}\n"), 22, 20, $"agent.slo.exception_sla: '{value}' {fragment}");
    }

    [Fact]
    public void Load_StageNameInWrongCase_SuggestsTheCodeName()
    {
        Expect.OnlyError(
            MinimalUseCase.With("  initial_stage: shadow\n"),
            21,
            18,
            "agent.initial_stage: unknown stage 'shadow'; expected one of Shadow, ApproveEach, AutoWithExceptions, ProductionOwned, Paused, Retired; names are case-sensitive: did you mean 'Shadow'?");
    }

    [Fact]
    public void Load_PromotionOutOfProductionOwned_IsRefused()
    {
        Expect.OnlyError(
            MinimalUseCase.With("  promotion:\n    - { from: ProductionOwned, min_days: 1, min_labelled: 1, min_accuracy: 0.9 }\n"),
            22,
            15,
            "agent.promotion[0].from: promotion is only defined out of Shadow, ApproveEach, AutoWithExceptions");
    }

    [Fact]
    public void Load_UnknownSeverity_IsRefused()
    {
        var yaml = MinimalUseCase.Text.Replace("severity: Low", "severity: Critical", StringComparison.Ordinal);

        Expect.OnlyError(yaml, 19, 32, "agent.actions[1].severity: unknown severity 'Critical'; expected one of Low, Medium, High");
    }

    [Fact]
    public void Load_EmptyText_IsReportedAtFileStart()
    {
        Expect.OnlyError("", 1, 1, "the file is empty");
        Expect.OnlyError("# only a comment\n\n", 1, 1, "the file is empty");
        Expect.OnlyError("---\n", 1, 1, "the file is empty");
    }

    [Fact]
    public void Load_TwoDocuments_IsRefusedAtTheSecond()
    {
        Expect.OnlyError(MinimalUseCase.Text + "---\nusecase: {}\n", 21, 1, "more than one YAML document");
    }

    [Fact]
    public void Load_RootIsAList_IsRefused()
    {
        Expect.OnlyError("- usecase\n", 1, 1, "expected a mapping with the sections usecase, business and agent, found a list");
    }

    [Theory]
    [InlineData("acme/site/area", "has 3 level(s)")]
    [InlineData("acme/site/area/line/cell/unit/extra", "has 7 level(s)")]
    [InlineData("acme/+/area/line", "contains a wildcard")]
    [InlineData("acme//area/line", "has an empty level")]
    public void Load_BadScope_IsRefused(string scope, string fragment)
    {
        var yaml = MinimalUseCase.Text.Replace("scope: acme/site/area/line", $"scope: {scope}", StringComparison.Ordinal);

        Expect.OnlyError(yaml, 14, 10, $"agent.scope: '{scope}' {fragment}");
    }

    [Theory]
    [InlineData("acme/#/safety", "'#' must be a whole level and the last one")]
    [InlineData("acme/line+/x", "'+' must be a whole level")]
    [InlineData("acme//x", "has an empty level")]
    public void Load_BadForbiddenTarget_IsRefused(string pattern, string fragment)
    {
        Expect.OnlyError(MinimalUseCase.With($"  guard:\n    forbidden_targets: [ \"{pattern}\" ]\n"), 22, 26, fragment);
    }

    [Theory]
    [InlineData("22:00-06:00", "starts at or after it ends")]
    [InlineData("6-22", "is not a range of hours")]
    [InlineData("06:00-25:00", "is not a range of hours")]
    public void Load_BadHours_IsRefused(string hours, string fragment)
    {
        Expect.OnlyError(MinimalUseCase.With($"  calendar: {{ hours: \"{hours}\" }}\n"), 21, 22, $"agent.calendar.hours: '{hours}' {fragment}");
    }

    [Fact]
    public void Load_BadHolidayDate_IsRefused()
    {
        Expect.OnlyError(MinimalUseCase.With("  calendar:\n    holidays: [2026-12-25, 2026-02-30]\n"), 22, 28, "agent.calendar.holidays[1]: '2026-02-30' is not a date");
    }

    [Fact]
    public void Load_BadIdAndCurrencyAndOwner_AreEachRefused()
    {
        var yaml = MinimalUseCase.Text
            .Replace("id: demo\n", "id: Demo Case\n", StringComparison.Ordinal)
            .Replace("currency: EUR", "currency: eur", StringComparison.Ordinal)
            .Replace("owner: line.lead", "owner: Maria Weber", StringComparison.Ordinal);

        var errors = Expect.Errors(yaml);

        Assert.Equal(3, errors.Count);
        Expect.Has(errors, 2, 7, "usecase.id: 'Demo Case' is not a valid id");
        Expect.Has(errors, 9, 10, "business.owner: 'Maria Weber' is not a user id");
        Expect.Has(errors, 11, 13, "business.currency: 'eur' is not an ISO 4217 currency code");
    }

    [Fact]
    public void Load_MissingRequiredKey_IsReportedAtItsMapping()
    {
        var yaml = MinimalUseCase.Text.Replace("  default_action: scrap\n", "", StringComparison.Ordinal);

        Expect.OnlyError(yaml, 13, 3, "agent: missing required key 'default_action'");
    }

    [Fact]
    public void Load_RequiredKeyWithoutValue_IsReportedAtTheKey()
    {
        var yaml = MinimalUseCase.Text.Replace("name: Demo", "name:", StringComparison.Ordinal);

        Expect.OnlyError(yaml, 3, 8, "usecase.name: a value is required");
    }

    [Fact]
    public void Load_UnknownModelKind_IsRefused()
    {
        var yaml = MinimalUseCase.Text.Replace("kind: process", "kind: http", StringComparison.Ordinal);

        Expect.OnlyError(yaml, 15, 18, "agent.model.kind: unknown model kind 'http'; expected process, in_process or oip");
    }
}
