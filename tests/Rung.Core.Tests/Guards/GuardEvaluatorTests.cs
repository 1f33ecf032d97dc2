using Rung.Core.Guards;
using Rung.Core.Proposals;

namespace Rung.Core.Tests.Guards;

public sealed class GuardEvaluatorTests
{
    private static readonly string[] Declared = ["accept", "scrap", "adjust_feed", "stop_line"];
    private const string Scope = "acme/dortmund/machining/line3";

    private static readonly Guard Rules = new(
        AllowedActions: ["accept", "scrap", "adjust_feed"],
        Ranges: [new ValueRange("adjust_feed", -10, 10)],
        RateLimits: [new RateLimit("scrap", 2, TimeSpan.FromHours(1))],
        ForbiddenTargets: ["acme/+/+/+/safety/#"]);

    private static GuardVerdict Check(ProposedAction action, RateLimitLedger? ledger = null, DateTimeOffset? at = null) =>
        new GuardEvaluator(Rules, Declared, Scope).Evaluate(action, ledger ?? RateLimitLedger.For(Rules), at ?? TestData.T0);

    [Fact]
    public void Evaluate_PlainAllowedAction_IsAllowed() => Assert.True(Check(new ProposedAction("accept")).Allowed);

    [Theory]
    [InlineData("open_valve", "declared-actions")]
    [InlineData("stop_line", "allowed-actions")]
    public void Evaluate_ActionNotAllowed_NamesTheRule(string action, string rule)
    {
        var verdict = Check(new ProposedAction(action));
        Assert.False(verdict.Allowed);
        Assert.Equal(rule, verdict.Rule);
    }

    [Theory]
    [InlineData(10.0, true)]
    [InlineData(-10.0, true)]
    [InlineData(10.0001, false)]
    [InlineData(1e300, false)]
    [InlineData(double.NaN, false)]
    [InlineData(double.PositiveInfinity, false)]
    [InlineData(double.NegativeInfinity, false)]
    public void Evaluate_Ranges_AreInclusiveAndRefuseNonFinite(double value, bool allowed)
    {
        Assert.Equal(allowed, Check(new ProposedAction("adjust_feed", Value: value)).Allowed);
    }

    [Fact]
    public void Evaluate_RangedActionWithoutValue_IsBlocked()
    {
        var verdict = Check(new ProposedAction("adjust_feed"));
        Assert.Equal("range:adjust_feed", verdict.Rule);
        Assert.Contains("has none", verdict.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acme/dortmund/machining/line3/safety/estop", false)]
    [InlineData("acme/dortmund/machining/line3/safety", false)]
    [InlineData("acme/dortmund/machining/line3/cell2", true)]
    [InlineData("acme/dortmund/machining/safety", true)]
    public void Evaluate_ForbiddenTargets_AreRefusedByDesign(string target, bool allowed)
    {
        var verdict = Check(new ProposedAction("accept", target));
        Assert.Equal(allowed, verdict.Allowed);
        if (!allowed)
        {
            Assert.Equal("forbidden-target:acme/+/+/+/safety/#", verdict.Rule);
        }
    }

    [Fact]
    public void Evaluate_RateLimit_CountsOnlyCommitsInsideTheWindow()
    {
        var ledger = RateLimitLedger.For(Rules);
        ledger.Record("scrap", TestData.T0);
        ledger.Record("scrap", TestData.T0.AddMinutes(30));
        Assert.Equal("rate-limit:scrap", Check(new ProposedAction("scrap"), ledger, TestData.T0.AddMinutes(59)).Rule);
        Assert.True(Check(new ProposedAction("scrap"), ledger, TestData.T0.AddMinutes(60)).Allowed);
        Assert.True(Check(new ProposedAction("accept"), ledger, TestData.T0.AddMinutes(59)).Allowed);
    }

    [Theory]
    [InlineData("a/#/b")]
    [InlineData("a/b#")]
    [InlineData("a/+x/b")]
    [InlineData("")]
    public void TopicPattern_Malformed_IsRefused(string text)
    {
        Assert.False(TopicPattern.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("a/+/c", "a/b/c", true)]
    [InlineData("a/+/c", "a/b/d", false)]
    [InlineData("a/+", "a/b/c", false)]
    [InlineData("a/#", "a", true)]
    [InlineData("#", "anything/at/all", true)]
    [InlineData("a/b", "a/b/c", false)]
    public void TopicPattern_Matches_AsMqttDoes(string pattern, string topic, bool expected)
    {
        Assert.Equal(expected, TopicPattern.Parse(pattern).Matches(topic));
    }
}
