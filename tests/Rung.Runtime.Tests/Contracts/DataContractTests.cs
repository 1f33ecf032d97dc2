using Rung.Core.Cases;
using Rung.Core.UseCases;
using Rung.Runtime.Contracts;

namespace Rung.Runtime.Tests.Contracts;

public sealed class DataContractTests
{
    private static readonly DataContract Contract = new(
    [
        new InputDefinition("spindle_temp", "degC", 0, 150),
        new InputDefinition("vibration_rms", "mm/s", 0.5, 50),
        new InputDefinition("ambient_temp", "degC", -20, 60, Required: false),
    ]);

    private static FeatureVector Map(double? temp, double? vib, double? ambient = 21)
    {
        var raw = new Dictionary<string, double?> { ["spindle_temp"] = temp, ["vibration_rms"] = vib, ["ambient_temp"] = ambient };
        return Contract.Map(raw);
    }

    [Fact]
    public void Map_CleanValues_GivesEveryInputAndNoFlags()
    {
        var vector = Map(51.2, 4.1, 21.5);

        Assert.True(vector.IsClean);
        Assert.Empty(vector.Flags);
        Assert.Equal(new Dictionary<string, double> { ["spindle_temp"] = 51.2, ["vibration_rms"] = 4.1, ["ambient_temp"] = 21.5 }, vector.Values);
    }

    [Fact]
    public void Map_RequiredNull_IsFlaggedMissingAndLeftOut()
    {
        var vector = Map(null, 4.1);

        var flag = Assert.Single(vector.Flags);
        Assert.Equal(new QualityFlag("spindle_temp", "missing"), flag);
        Assert.False(vector.Values.ContainsKey("spindle_temp"));
        Assert.Equal(4.1, vector.Values["vibration_rms"]);
    }

    [Fact]
    public void Map_RequiredKeyAbsent_IsFlaggedMissing()
    {
        var vector = Contract.Map(new Dictionary<string, double?> { ["spindle_temp"] = 50 });

        Assert.Equal([new QualityFlag("vibration_rms", "missing")], vector.Flags);
        Assert.Equal(["spindle_temp"], vector.Values.Keys);
    }

    [Fact]
    public void Map_OptionalMissing_IsLeftOutWithoutAFlag()
    {
        var vector = Map(50, 4, ambient: null);

        Assert.True(vector.IsClean);
        Assert.False(vector.Values.ContainsKey("ambient_temp"));
        Assert.Equal(2, vector.Values.Count);
    }

    [Fact]
    public void Map_OptionalImplausible_IsLeftOutWithANonBlockingFlag()
    {
        // An optional input never holds a case back, but a broken sensor is still seen and counted.
        var vector = Map(50, 4, ambient: 500);

        Assert.True(vector.IsClean);
        Assert.False(vector.Values.ContainsKey("ambient_temp"));
        var flag = Assert.Single(vector.Flags);
        Assert.Equal("ambient_temp", flag.Feature);
        Assert.False(flag.Blocking);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Map_NonFinite_IsFlaggedAndLeftOut(double value)
    {
        var vector = Map(value, 4);

        var flag = Assert.Single(vector.Flags);
        Assert.Equal("spindle_temp", flag.Feature);
        Assert.Equal("not a finite number", flag.Problem);
        Assert.False(vector.Values.ContainsKey("spindle_temp"));
    }

    [Fact]
    public void Map_BelowMin_FlagNamesValueUnitAndLimit()
    {
        var vector = Map(50, 0.25);

        var flag = Assert.Single(vector.Flags);
        Assert.Equal("vibration_rms", flag.Feature);
        Assert.Equal("0.25 mm/s below the plausible minimum 0.5 mm/s", flag.Problem);
        Assert.False(vector.Values.ContainsKey("vibration_rms"));
    }

    [Fact]
    public void Map_AboveMax_FlagNamesValueUnitAndLimit()
    {
        var vector = Map(150.5, 4);

        var flag = Assert.Single(vector.Flags);
        Assert.Equal("spindle_temp", flag.Feature);
        Assert.Equal("150.5 degC above the plausible maximum 150 degC", flag.Problem);
        Assert.False(vector.Values.ContainsKey("spindle_temp"));
    }

    [Fact]
    public void Map_NegativeBelowNegativeMin_UsesInvariantNumbers()
    {
        var contract = new DataContract([new InputDefinition("t", "degC", -20.5, 60)]);

        var flag = Assert.Single(contract.Map(new Dictionary<string, double?> { ["t"] = -1234.75 }).Flags);

        Assert.Equal("-1234.75 degC below the plausible minimum -20.5 degC", flag.Problem);
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(150, 50)]
    public void Map_ExactlyAtMinOrMax_IsAccepted(double temp, double vib)
    {
        var vector = Map(temp, vib);

        Assert.True(vector.IsClean);
        Assert.Equal(temp, vector.Values["spindle_temp"]);
        Assert.Equal(vib, vector.Values["vibration_rms"]);
    }

    [Fact]
    public void Map_SeveralProblems_FlagsEachInDeclarationOrder()
    {
        var vector = Map(double.NaN, null);

        Assert.Equal(["spindle_temp", "vibration_rms"], vector.Flags.Select(f => f.Feature));
        Assert.Equal(["ambient_temp"], vector.Values.Keys);
    }

    [Fact]
    public void Map_UnknownExtraKeys_AreIgnored()
    {
        var raw = new Dictionary<string, double?> { ["spindle_temp"] = 50, ["vibration_rms"] = 4, ["colour"] = double.NaN, ["Spindle_Temp"] = 9999 };

        var vector = Contract.Map(raw);

        Assert.True(vector.IsClean);
        Assert.Equal(50, vector.Values["spindle_temp"]);
        Assert.DoesNotContain("colour", vector.Values.Keys);
        Assert.DoesNotContain("Spindle_Temp", vector.Values.Keys);
    }

    [Fact]
    public void Map_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Contract.Map(null!));
    }
}
