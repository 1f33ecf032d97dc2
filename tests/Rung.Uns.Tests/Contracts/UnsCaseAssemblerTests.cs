using System.Text;
using Rung.Core.UseCases;
using Rung.Uns.Contracts;
using Rung.Uns.Units;

namespace Rung.Uns.Tests.Contracts;

public sealed class UnsCaseAssemblerTests
{
    private const string Line = "acme/plant1/machining/line3";
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private static readonly InputDefinition[] Inputs =
    [
        new("spindle_temp", "degC", 0, 150),
        new("feed", "mm/min", 0, 5000),
        new("vibration", "mm/s", 0, 50, Required: false),
    ];

    private static readonly UnsContractDefinition Contract = new(
        [
            new UnsTagDefinition("spindle_temp", $"{Line}/cell2/spindle/temp", "degF", TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)),
            new UnsTagDefinition("feed", $"{Line}/cell2/feed", "in/min", TimeSpan.FromSeconds(30)),
            new UnsTagDefinition("vibration", "spBv1.0/Plant/Edge1/Spindle/Vibration"),
        ],
        $"{Line}/cell2/part_done",
        "part_id",
        new UnsOutcomeDefinition($"{Line}/qc/result", "part_id", "verdict"),
        [new UnsContextDefinition("work_order", $"{Line}/mes/work_order")]);

    private readonly UnsCaseAssembler assembler = new($"{Line}/cell2", Inputs, Contract);

    private static UnsMessage Json(string topic, string json, DateTimeOffset? at = null) =>
        new(topic, Encoding.UTF8.GetBytes(json), at ?? T0);

    private static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    private AssemblyResult Value(string tag, double value, DateTimeOffset at) =>
        assembler.Accept(Json($"{Line}/cell2/{tag}", $$"""{"value":{{value}},"timestamp":{{Ms(at)}}}"""));

    private UnsCase Trigger(string part, DateTimeOffset at) =>
        Assert.Single(assembler.Accept(Json($"{Line}/cell2/part_done", $$"""{"part_id":"{{part}}","timestamp":{{Ms(at)}}}""")).Cases);

    [Fact]
    public void Trigger_FreshValues_AssemblesConvertedGoodFeatures()
    {
        Value("spindle/temp", 212, T0);
        Value("feed", 10, T0);
        assembler.Accept(new TagValue("spBv1.0/Plant/Edge1/Spindle/Vibration", 3.5, null, T0));

        var made = Trigger("P1", T0.AddSeconds(5));

        Assert.Equal(("P1", Line), (made.CaseId, made.Line));
        Assert.Equal(100, made.Features[0].Value!.Value, 9);
        Assert.Equal(254, made.Features[1].Value!.Value, 9);
        Assert.All(made.Features, f => Assert.Equal(FeatureQuality.Good, f.Quality));
        Assert.False(made.BlocksAutoCommit);
        Assert.True(made.ToFeatureVector().IsClean);
    }

    [Fact]
    public void Trigger_StaleAndMissingRequiredInputs_BlockAutoCommit()
    {
        Value("spindle/temp", 100, T0);
        var made = Trigger("P2", T0.AddMinutes(5));

        Assert.Equal(FeatureQuality.Stale, made.Features[0].Quality);
        Assert.Equal(FeatureQuality.Missing, made.Features[1].Quality);
        Assert.True(made.BlocksAutoCommit);
        var vector = made.ToFeatureVector();
        Assert.False(vector.IsClean);
        Assert.Equal(["spindle_temp", "feed"], vector.Flags.Where(f => f.Blocking).Select(f => f.Feature));
        Assert.DoesNotContain(vector.Flags, f => f.Feature == "vibration");
        Assert.Null(made.Values["feed"]);
    }

    [Fact]
    public void Trigger_ValueOlderThanMaxAgeWithinHold_IsHeldAndUsable()
    {
        Value("spindle/temp", 100, T0);
        Value("feed", 10, T0.AddSeconds(50));
        var made = Trigger("P3", T0.AddSeconds(60));

        var temp = made.Features[0];
        Assert.Equal(FeatureQuality.Held, temp.Quality);
        Assert.NotNull(temp.Value);
        Assert.False(made.BlocksAutoCommit);
        Assert.Contains(made.ToFeatureVector().Flags, f => f.Feature == "spindle_temp" && !f.Blocking);
    }

    [Fact]
    public void Trigger_OutOfRangeAndBadQuality_AreFlagged()
    {
        Value("spindle/temp", 400, T0);
        assembler.Accept(Json($"{Line}/cell2/feed", $$"""{"value":10,"timestamp":{{Ms(T0)}},"quality":"bad"}"""));
        var made = Trigger("P4", T0);

        Assert.Equal(FeatureQuality.OutOfRange, made.Features[0].Quality);
        Assert.Equal(FeatureQuality.BadQuality, made.Features[1].Quality);
        Assert.True(made.BlocksAutoCommit);
    }

    [Fact]
    public void Accept_OutOfOrderAndDuplicateValues_AreIgnoredAndCounted()
    {
        Value("spindle/temp", 212, T0.AddSeconds(10));
        Value("spindle/temp", 212, T0.AddSeconds(10));
        Value("spindle/temp", 32, T0);
        Value("feed", 10, T0.AddSeconds(10));

        var made = Trigger("P5", T0.AddSeconds(11));

        Assert.Equal(100, made.Features[0].Value!.Value, 9);
        Assert.Equal((2, 1, 1), (assembler.Counters.Accepted, assembler.Counters.Duplicates, assembler.Counters.OutOfOrder));
    }

    [Fact]
    public void Accept_DeathMark_MakesTheFeatureStale()
    {
        assembler.Accept(new TagValue("spBv1.0/Plant/Edge1/Spindle/Vibration", 3, null, T0));
        assembler.Accept(new TagValue("spBv1.0/Plant/Edge1/Spindle/Vibration", null, null, T0, TagQuality.Stale));
        var made = Trigger("P6", T0);
        Assert.Equal(FeatureQuality.Stale, made.Features[2].Quality);
    }

    [Fact]
    public void Trigger_SameKeyTwice_AssemblesOneCase()
    {
        Trigger("P7", T0);
        var again = assembler.Accept(Json($"{Line}/cell2/part_done", """{"part_id":"P7"}"""));
        Assert.Empty(again.Cases);
        Assert.Equal(1, assembler.Counters.DuplicateTriggers);
    }

    [Fact]
    public void Outcome_JoinsItsCaseByKey_InEitherOrder()
    {
        Trigger("P8", T0);
        var late = assembler.Accept(Json($"{Line}/qc/result", """{"part_id":"P8","verdict":"scrap"}"""));
        Assert.Equal(new CaseOutcome("P8", "scrap", T0), Assert.Single(late.Outcomes));

        var early = assembler.Accept(Json($"{Line}/qc/result", """{"part_id":"P9","verdict":"ok"}"""));
        Assert.Empty(early.Outcomes);
        var joined = assembler.Accept(Json($"{Line}/cell2/part_done", """{"part_id":"P9"}"""));
        Assert.Equal("P9", Assert.Single(joined.Outcomes).CaseId);
    }

    [Fact]
    public void Trigger_JoinsTheWorkOrderInForceAtTheCaseTimeOnItsLine()
    {
        assembler.Accept(Json($"{Line}/mes/work_order", $$"""{"order":"WO-1","product":"A","timestamp":{{Ms(T0)}}}"""));
        assembler.Accept(Json($"{Line}/mes/work_order", $$"""{"order":"WO-3","timestamp":{{Ms(T0.AddHours(2))}}}"""));
        assembler.Accept(Json($"{Line}/mes/work_order", $$"""{"order":"WO-2","timestamp":{{Ms(T0.AddHours(1))}}}"""));
        assembler.Accept(Json("acme/plant1/machining/line4/mes/work_order", $$"""{"order":"OTHER","timestamp":{{Ms(T0.AddHours(1.2))}}}"""));

        Assert.False(Trigger("P10", T0.AddMinutes(-1)).Context.ContainsKey("work_order"));
        Assert.Equal("WO-1", Trigger("P11", T0.AddMinutes(59)).Context["work_order"].Fields["order"]);
        Assert.Equal("WO-2", Trigger("P12", T0.AddHours(1.5)).Context["work_order"].Fields["order"]);
    }

    [Theory]
    [InlineData("spindle/temp", "{not json", "is not JSON")]
    [InlineData("spindle/temp", "", "the payload is empty")]
    [InlineData("spindle/temp", """{"v":1}""", "no 'value' field")]
    [InlineData("spindle/temp", """{"value":[1]}""", "field 'value' must be a number")]
    [InlineData("spindle/temp", """{"value":1,"timestamp":"yesterday"}""", "is not a timestamp")]
    [InlineData("part_done", """{"id":"x"}""", "no case key field 'part_id'")]
    public void Accept_MalformedPayload_IsRefusedNamingTopicAndReason(string tag, string json, string reason)
    {
        var result = assembler.Accept(Json($"{Line}/cell2/{tag}", json));
        Assert.StartsWith($"{Line}/cell2/{tag}: ", result.Problem, StringComparison.Ordinal);
        Assert.Contains(reason, result.Problem, StringComparison.Ordinal);
        Assert.Equal(1, assembler.Counters.Refused);
    }

    [Fact]
    public void Accept_BareNumber_IsAValue()
    {
        assembler.Accept(Json($"{Line}/cell2/spindle/temp", "212", T0));
        Value("feed", 1, T0);
        Assert.Equal(FeatureQuality.Good, Trigger("P13", T0).Features[0].Quality);
    }

    [Theory]
    [InlineData("degC", "degF", 100, 212)]
    [InlineData("K", "degC", 273.15, 0)]
    [InlineData("bar", "psi", 1, 14.503773773)]
    [InlineData("kPa", "bar", 250, 2.5)]
    [InlineData("in", "mm", 2, 50.8)]
    [InlineData("mm/min", "mm/s", 120, 2)]
    [InlineData("rps", "rpm", 2, 120)]
    public void UnitTable_Converts(string from, string to, double value, double expected) =>
        Assert.Equal(expected, UnitTable.Get(from, to).Apply(value), 6);

    [Fact]
    public void UnitTable_IncompatibleOrUnknownUnits_AreRefused()
    {
        Assert.Contains("cannot convert degC (temperature) to bar (pressure)", Assert.Throws<ArgumentException>(() => UnitTable.Get("degC", "bar")).Message, StringComparison.Ordinal);
        Assert.Contains("unknown unit 'furlong'", Assert.Throws<ArgumentException>(() => UnitTable.Get("furlong", "m")).Message, StringComparison.Ordinal);
        var contract = Contract with { Tags = [new UnsTagDefinition("feed", "x/y", "bar")] };
        Assert.Contains("contract tag 'x/y' for input 'feed'", Assert.Throws<ArgumentException>(() => new UnsCaseAssembler(Line, Inputs, contract)).Message, StringComparison.Ordinal);
    }
}
