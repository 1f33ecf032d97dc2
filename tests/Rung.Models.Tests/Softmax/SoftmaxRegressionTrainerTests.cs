using Rung.Models.Softmax;

namespace Rung.Models.Tests.Softmax;

public sealed class SoftmaxRegressionTrainerTests
{
    private static readonly SoftmaxTrainingOptions Options = new(SyntheticData.Features) { Seed = 7 };

    [Fact]
    public void Train_SeparableProblem_ClassifiesHeldOutRowsAbove95Percent()
    {
        var (rows, labels) = SyntheticData.Quadrants(4000, seed: 1);
        var (testRows, testLabels) = SyntheticData.Quadrants(1000, seed: 2);

        var model = new SoftmaxRegressionTrainer(Options).Train(rows, labels);

        var correct = 0;
        for (var i = 0; i < testRows.Count; i++)
        {
            var p = model.Predict(testRows[i]);
            var best = Array.IndexOf(p, p.Max());
            correct += model.Classes[best] == testLabels[i] ? 1 : 0;
        }

        Assert.True(correct > 950, $"accuracy {correct / 10.0} % is not above 95 %");
        Assert.Equal(["hold", "pass", "rework", "scrap"], model.Classes);
    }

    [Fact]
    public void Train_TwentyThousandRows_TrainsAndProfilesEachFeature()
    {
        var (rows, labels) = SyntheticData.Quadrants(20_000, seed: 3);

        var model = new SoftmaxRegressionTrainer(Options).Train(rows, labels);

        var a = model.Profiles[0];
        Assert.Equal("a", a.Name);
        Assert.InRange(a.Mean, 48, 52);
        Assert.InRange(a.Std, 28, 34);
        Assert.True(a.Min < 0 && a.Max > 100);
    }

    [Fact]
    public void Train_SameSeedAndData_GivesIdenticalModelFiles()
    {
        var (rows, labels) = SyntheticData.Quadrants(2000, seed: 4);

        var first = Json(new SoftmaxRegressionTrainer(Options).Train(rows, labels));
        var second = Json(new SoftmaxRegressionTrainer(Options).Train(rows, labels));
        var otherSeed = Json(new SoftmaxRegressionTrainer(Options with { Seed = 8 }).Train(rows, labels));

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void Train_FullBatch_AlsoLearns()
    {
        var (rows, labels) = SyntheticData.Quadrants(2000, seed: 5);

        var model = new SoftmaxRegressionTrainer(Options with { BatchSize = 0, Epochs = 200 }).Train(rows, labels);

        var correct = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var p = model.Predict(rows[i]);
            correct += model.Classes[Array.IndexOf(p, p.Max())] == labels[i] ? 1 : 0;
        }

        Assert.True(correct > 1900, $"{correct} of 2000 right");
    }

    [Fact]
    public void Train_BalancedClassWeights_PredictTheRareClassMoreOften()
    {
        // One overlapping input: without weights the rare class is almost never the most probable.
        var random = new Random(11);
        var rows = new List<IReadOnlyDictionary<string, double>>();
        var labels = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            var rare = i % 20 == 0;
            rows.Add(new Dictionary<string, double> { ["x"] = (rare ? 1.0 : 0.0) + SyntheticData.Gaussian(random) });
            labels.Add(rare ? "defect" : "good");
        }

        var options = new SoftmaxTrainingOptions(["x"]) { Seed = 1 };
        var plain = new SoftmaxRegressionTrainer(options).Train(rows, labels);
        var weighted = new SoftmaxRegressionTrainer(options with { ClassWeights = SoftmaxRegressionTrainer.BalancedClassWeights(labels) }).Train(rows, labels);

        Assert.True(CountDefects(weighted, rows) > CountDefects(plain, rows) + 100);
    }

    [Fact]
    public void Train_RowWithoutAFeature_ThrowsNamingRowAndFeature()
    {
        var (rows, labels) = SyntheticData.Quadrants(10, seed: 6);
        var broken = new Dictionary<string, double>(rows[4]);
        broken.Remove("n3");
        rows[4] = broken;

        var error = Assert.Throws<ArgumentException>(() => new SoftmaxRegressionTrainer(Options).Train(rows, labels));

        Assert.Contains("Row 4", error.Message);
        Assert.Contains("'n3'", error.Message);
    }

    [Fact]
    public void Train_NaNValue_ThrowsNamingRowAndFeature()
    {
        var (rows, labels) = SyntheticData.Quadrants(10, seed: 6);
        rows[2] = new Dictionary<string, double>(rows[2]) { ["b"] = double.NaN };

        var error = Assert.Throws<ArgumentException>(() => new SoftmaxRegressionTrainer(Options).Train(rows, labels));

        Assert.Contains("Row 2: feature 'b' is NaN", error.Message);
    }

    [Fact]
    public void Train_LabelCountMismatchOrOneClass_Throws()
    {
        var (rows, labels) = SyntheticData.Quadrants(10, seed: 6);

        Assert.Throws<ArgumentException>(() => new SoftmaxRegressionTrainer(Options).Train(rows, labels[..9]));
        var oneClass = Assert.Throws<ArgumentException>(() => new SoftmaxRegressionTrainer(Options).Train(rows, [.. labels.Select(_ => "pass")]));
        Assert.Contains("at least two classes", oneClass.Message);
    }

    [Fact]
    public void Constructor_BadOption_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new SoftmaxRegressionTrainer(Options with { LearningRate = -1 }));

        Assert.Contains("LearningRate", error.Message);
    }

    internal static string Json(SoftmaxRegressionModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static int CountDefects(SoftmaxRegressionModel model, List<IReadOnlyDictionary<string, double>> rows)
    {
        var defect = model.Classes.ToList().IndexOf("defect");
        var count = 0;
        foreach (var row in rows)
        {
            var p = model.Predict(row);
            count += p[defect] > 0.5 ? 1 : 0;
        }

        return count;
    }
}
