using Rung.Core.Drift;

namespace Rung.Core.Tests.Drift;

public sealed class ReferenceProfileTests
{
    private static ReferenceProfile Build()
    {
        // 1..100 for "x" with every tenth row missing "x" and every 20th NaN for "y"; an action column.
        var rows = new List<IReadOnlyDictionary<string, double>>();
        var categorical = new List<IReadOnlyDictionary<string, string>>();
        for (var i = 1; i <= 100; i++)
        {
            var row = new Dictionary<string, double> { ["y"] = i % 20 == 0 ? double.NaN : i * 2.0 };
            if (i % 10 != 0)
            {
                row["x"] = i;
            }

            rows.Add(row);
            categorical.Add(new Dictionary<string, string> { ["action"] = i % 4 == 0 ? "hold" : "release" });
        }

        return ReferenceProfile.Build("v7", rows, categorical);
    }

    [Fact]
    public void Build_NumericFeature_HasDecileEdgesMomentsAndMissingRate()
    {
        var x = Build().Numeric["x"];
        Assert.Equal(90, x.Count);
        Assert.Equal(0.1, x.MissingRate, 12);
        Assert.Equal(1, x.Min);
        Assert.Equal(99, x.Max);
        // The 90 present values are 1..99 without multiples of 10; their mean is (4950 - 450)/90 = 50.
        Assert.Equal(50, x.Mean, 12);
        Assert.Equal(9, x.Edges.Count);
        Assert.Equal(10, x.BinFractions.Count);
        Assert.Equal(1, x.BinFractions.Sum(), 12);
        // Deciles split 90 values into bins of 9.
        Assert.All(x.BinFractions, f => Assert.Equal(0.1, f, 12));
        Assert.Equal(90, x.Sample.Count);
        Assert.Equal(0.05, Build().Numeric["y"].MissingRate, 12);
    }

    [Fact]
    public void Build_CategoricalFeature_CountsEachCategory()
    {
        var action = Build().Categorical["action"];
        Assert.Equal(25, action.Counts["hold"]);
        Assert.Equal(75, action.Counts["release"]);
        Assert.Equal(0.75, action.Frequency("release"), 12);
        Assert.Equal(0, action.Frequency("scrap"));
    }

    [Fact]
    public void Build_ManyValues_KeepsABoundedEvenlySpacedSample()
    {
        var values = Enumerable.Range(0, 20_000).Select(i => (double)i).ToArray();
        var profile = ReferenceProfile.Build("v1", Samples.NumericRows("x", values));
        var sample = profile.Numeric["x"].Sample;
        Assert.Equal(5000, sample.Count);
        Assert.Equal(2, sample[0]);
        Assert.Equal(19_998, sample[^1]);
        // Evenly spaced order statistics keep the shape: KS against the full data is within 1/5000.
        Assert.True(KolmogorovSmirnov.TwoSample(sample, values).Statistic <= 1.0 / 5000 + 1e-12);
    }

    [Fact]
    public void Build_ConstantFeature_HasOneBin()
    {
        var profile = ReferenceProfile.Build("v1", Samples.NumericRows("x", [3, 3, 3, 3]));
        Assert.Single(profile.Numeric["x"].Edges);
        Assert.Equal([1.0, 0.0], profile.Numeric["x"].BinFractions);
    }

    [Fact]
    public void Build_MismatchedRowLists_AreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            ReferenceProfile.Build("v1", Samples.NumericRows("x", [1, 2]), Samples.CategoricalRows("a", ["p"])));
        Assert.Equal("categoricalRows", e.ParamName);
    }

    [Fact]
    public void Json_RoundTrip_KeepsEveryNumber()
    {
        var profile = Build();
        var copy = ReferenceProfile.FromJson(profile.ToJson());
        Assert.Equal(profile.ModelVersion, copy.ModelVersion);
        Assert.Equal(profile.Rows, copy.Rows);
        foreach (var (name, f) in profile.Numeric)
        {
            var g = copy.Numeric[name];
            Assert.Equal(f with { Edges = [], BinFractions = [], Sample = [] }, g with { Edges = [], BinFractions = [], Sample = [] });
            Assert.Equal(f.Edges, g.Edges);
            Assert.Equal(f.BinFractions, g.BinFractions);
            Assert.Equal(f.Sample, g.Sample);
        }

        Assert.Equal(profile.Categorical["action"].Counts, copy.Categorical["action"].Counts);
        Assert.Equal(profile.ToJson(), copy.ToJson());
    }

    [Fact]
    public void FromJson_TruncatedProfile_ThrowsInvalidDataNamingTheProblem()
    {
        var json = Build().ToJson();
        var e = Assert.Throws<InvalidDataException>(() => ReferenceProfile.FromJson(json[..(json.Length / 2)]));
        Assert.Contains("truncated or malformed", e.Message);
        Assert.Contains("line", e.Message);
    }

    [Theory]
    [InlineData("\"binFractions\"", "\"binFractionz\"", "$.numeric.x.binFractions is missing")]
    [InlineData("\"format\": \"rung.reference-profile\"", "\"format\": \"other\"", "$.format is 'other'")]
    [InlineData("\"missingRate\": 0.1,", "\"missingRate\": 1.5,", "$.numeric.x.missingRate is 1.5")]
    [InlineData("\"rows\": 100", "\"rows\": \"many\"", "$.rows is String")]
    public void FromJson_InconsistentProfile_NamesThePropertyAtFault(string find, string replace, string expected)
    {
        var json = Build().ToJson();
        Assert.Contains(find, json);
        var index = json.IndexOf(find, StringComparison.Ordinal);
        var broken = string.Concat(json.AsSpan(0, index), replace, json.AsSpan(index + find.Length));
        var e = Assert.Throws<InvalidDataException>(() => ReferenceProfile.FromJson(broken));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void FromJson_EdgesAndFractionsDisagree_IsRejected()
    {
        var json = Build().ToJson();
        var start = json.IndexOf("\"binFractions\": [", StringComparison.Ordinal) + "\"binFractions\": [".Length;
        var broken = json.Insert(start, "0,");
        var e = Assert.Throws<InvalidDataException>(() => ReferenceProfile.FromJson(broken));
        Assert.Contains("$.numeric.x.binFractions has 11 entries", e.Message);
    }
}
