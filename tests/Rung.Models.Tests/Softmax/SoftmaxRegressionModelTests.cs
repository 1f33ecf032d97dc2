using System.Text;
using Rung.Models.Softmax;

namespace Rung.Models.Tests.Softmax;

public sealed class SoftmaxRegressionModelTests
{
    private static readonly Lazy<SoftmaxRegressionModel> Trained = new(() =>
    {
        var (rows, labels) = SyntheticData.Quadrants(2000, seed: 21);
        return new SoftmaxRegressionTrainer(new SoftmaxTrainingOptions(SyntheticData.Features) { Seed = 3 }).Train(rows, labels);
    });

    [Fact]
    public void SaveThenLoad_GivesIdenticalPredictionsAndProfiles()
    {
        var model = Trained.Value;
        var (rows, _) = SyntheticData.Quadrants(200, seed: 22);

        var loaded = Load(SoftmaxRegressionTrainerTests.Json(model));

        Assert.Equal(model.Classes, loaded.Classes);
        Assert.Equal(model.Profiles, loaded.Profiles);
        Assert.Equal(model.OodZLimit, loaded.OodZLimit);
        foreach (var row in rows)
        {
            Assert.Equal(model.Predict(row), loaded.Predict(row));
        }

        Assert.Equal(SoftmaxRegressionTrainerTests.Json(model), SoftmaxRegressionTrainerTests.Json(loaded));
    }

    [Fact]
    public void Predict_ProbabilitiesSumToOne()
    {
        var (rows, _) = SyntheticData.Quadrants(50, seed: 23);

        foreach (var row in rows)
        {
            var p = Trained.Value.Predict(row);
            Assert.Equal(1.0, p.Sum(), 9);
            Assert.All(p, v => Assert.InRange(v, 0, 1));
        }
    }

    [Fact]
    public void Load_TruncatedFile_ThrowsInvalidDataException()
    {
        var json = SoftmaxRegressionTrainerTests.Json(Trained.Value);

        var error = Assert.Throws<InvalidDataException>(() => Load(json[..(json.Length / 2)]));

        Assert.Contains("truncated or malformed", error.Message);
    }

    [Fact]
    public void Load_EmptyFile_ThrowsInvalidDataException()
    {
        Assert.Throws<InvalidDataException>(() => Load(string.Empty));
    }

    [Theory]
    [InlineData("\"format\": \"rung.softmax-regression\"", "\"format\": \"onnx\"", "\"format\" is 'onnx'")]
    [InlineData("\"formatVersion\": 1", "\"formatVersion\": 2", "\"formatVersion\" is 2")]
    [InlineData("\"name\": \"n2\"", "\"name\": 5", "\"features[3].name\" must be a non-empty string")]
    [InlineData("\"std\"", "\"sd\"", "\"features[0].std\" is missing")]
    [InlineData("\"name\": \"n2\"", "\"name\": \"a\"", "'a' appears twice")]
    public void Load_WrongField_ThrowsNamingIt(string find, string replace, string expected)
    {
        var json = SoftmaxRegressionTrainerTests.Json(Trained.Value);
        var index = json.IndexOf(find, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{find}' not in the file");
        var broken = string.Concat(json.AsSpan(0, index), replace, json.AsSpan(index + find.Length));

        var error = Assert.Throws<InvalidDataException>(() => Load(broken));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Load_WeightRowOfWrongLength_ThrowsNamingIt()
    {
        var model = Trained.Value;
        var weights = new List<double>();
        for (var c = 0; c < 4; c++)
        {
            for (var j = 0; j < 7; j++)
            {
                weights.Add(model.Weight(c, j));
            }
        }

        var json = SoftmaxRegressionTrainerTests.Json(model);
        var start = json.IndexOf("\"weights\"", StringComparison.Ordinal);
        var secondRow = json.IndexOf('[', json.IndexOf(']', json.IndexOf('[', json.IndexOf('[', start) + 1)) + 1);
        var broken = string.Concat(json.AsSpan(0, secondRow + 1), "0.5, ", json.AsSpan(secondRow + 1));

        var error = Assert.Throws<InvalidDataException>(() => Load(broken));

        Assert.Contains("\"weights[1]\" has 8 numbers; expected 7", error.Message);
    }

    [Fact]
    public void IsOutOfDistribution_FarValueMissingOrNaN_IsTrue_TypicalRowIsFalse()
    {
        var model = Trained.Value;
        var (rows, _) = SyntheticData.Quadrants(1, seed: 24);
        var typical = rows[0];

        Assert.False(model.IsOutOfDistribution(typical));
        Assert.True(model.IsOutOfDistribution(new Dictionary<string, double>(typical) { ["n2"] = 1000 + (100 * 4.5) }));
        Assert.True(model.IsOutOfDistribution(new Dictionary<string, double>(typical) { ["n1"] = double.NaN }));
        var missing = new Dictionary<string, double>(typical);
        missing.Remove("n5");
        Assert.True(model.IsOutOfDistribution(missing));
    }

    private static SoftmaxRegressionModel Load(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return SoftmaxRegressionModel.Load(stream);
    }
}
