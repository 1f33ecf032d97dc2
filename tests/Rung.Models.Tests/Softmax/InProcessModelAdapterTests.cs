using Rung.Core.Cases;
using Rung.Models.Softmax;

namespace Rung.Models.Tests.Softmax;

public sealed class InProcessModelAdapterTests
{
    private static readonly Lazy<SoftmaxRegressionModel> DriverModel = new(TrainDriverModel);

    [Fact]
    public async Task PredictAsync_AnswersTheMostProbableClassWithItsProbability()
    {
        var model = DriverModel.Value;
        await using var adapter = new InProcessModelAdapter(model, "softmax-1");
        var features = Case(drive: 1.5, noise: 0.2);

        var output = await adapter.PredictAsync(features);

        var p = model.Predict(features.Values);
        Assert.Equal("scrap", output.Action.Name);
        Assert.Equal(p.Max(), output.Confidence);
        Assert.True(output.Confidence > 0.9);
        Assert.False(output.OutOfDistribution);
        Assert.Equal("softmax-1", adapter.Version);
        Assert.Equal("keep", adapter.Predict(Case(drive: -1.5, noise: 0.2)).Action.Name);
    }

    [Fact]
    public void Predict_ExplanationNamesTheDrivingFeatureFirst_WithItsSignedContribution()
    {
        var model = DriverModel.Value;
        var adapter = new InProcessModelAdapter(model, "softmax-1");

        var scrap = adapter.Predict(Case(drive: 1.5, noise: 0.5));
        var keep = adapter.Predict(Case(drive: -1.5, noise: 0.5));

        Assert.Equal("drive", scrap.Explanation[0].Feature);
        Assert.True(scrap.Explanation[0].Contribution > 0);
        Assert.Equal("drive", keep.Explanation[0].Feature);
        Assert.True(keep.Explanation[0].Contribution > 0, "the driver pushes towards the class it answered");
        Assert.InRange(scrap.Explanation.Count, 1, 3);
        for (var k = 1; k < scrap.Explanation.Count; k++)
        {
            Assert.True(Math.Abs(scrap.Explanation[k - 1].Contribution) >= Math.Abs(scrap.Explanation[k].Contribution));
        }
    }

    [Fact]
    public void Predict_ExplanationMatchesWeightTimesZ()
    {
        var model = DriverModel.Value;
        var adapter = new InProcessModelAdapter(model, "softmax-1");
        var features = Case(drive: 1.5, noise: 0.5);

        var output = adapter.Predict(features);

        var c = model.Classes.ToList().IndexOf(output.Action.Name);
        var expected = Enumerable.Range(0, model.Features.Count)
            .Select(j => (Name: model.Features[j], Value: model.Weight(c, j) * (features.Values[model.Features[j]] - model.Profiles[j].Mean) / model.Profiles[j].Std))
            .OrderByDescending(e => Math.Abs(e.Value))
            .Take(3)
            .ToList();
        Assert.Equal(expected.Select(e => e.Name), output.Explanation.Select(e => e.Feature));
        for (var k = 0; k < expected.Count; k++)
        {
            Assert.Equal(expected[k].Value, output.Explanation[k].Contribution, 12);
        }
    }

    [Fact]
    public void Predict_FarOutValue_IsOutOfDistribution()
    {
        var adapter = new InProcessModelAdapter(DriverModel.Value, "softmax-1");

        var output = adapter.Predict(Case(drive: 1.5, noise: 25));

        Assert.True(output.OutOfDistribution);
    }

    [Fact]
    public void Predict_MissingOrNaNFeature_IsOutOfDistributionAndStillAnswers()
    {
        var adapter = new InProcessModelAdapter(DriverModel.Value, "softmax-1");

        var missing = adapter.Predict(new FeatureVector(new Dictionary<string, double> { ["drive"] = 1.5 }));
        var nan = adapter.Predict(new FeatureVector(new Dictionary<string, double> { ["drive"] = 1.5, ["noise1"] = double.NaN, ["noise2"] = 0 }));

        Assert.True(missing.OutOfDistribution);
        Assert.Equal("scrap", missing.Action.Name);
        Assert.True(nan.OutOfDistribution);
    }

    [Fact]
    public async Task PredictAsync_CancelledToken_Throws()
    {
        await using var adapter = new InProcessModelAdapter(DriverModel.Value, "softmax-1");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => adapter.PredictAsync(Case(1, 0), new CancellationToken(canceled: true)).AsTask());
    }

    private static FeatureVector Case(double drive, double noise) =>
        new(new Dictionary<string, double> { ["drive"] = drive, ["noise1"] = noise, ["noise2"] = -noise });

    /// <summary>Only "drive" decides: scrap when it is positive. The noise inputs carry nothing.</summary>
    private static SoftmaxRegressionModel TrainDriverModel()
    {
        var random = new Random(5);
        var rows = new List<IReadOnlyDictionary<string, double>>();
        var labels = new List<string>();
        for (var i = 0; i < 2000; i++)
        {
            var scrap = i % 2 == 0;
            rows.Add(new Dictionary<string, double>
            {
                ["drive"] = (scrap ? 1.5 : -1.5) + (0.5 * SyntheticData.Gaussian(random)),
                ["noise1"] = SyntheticData.Gaussian(random),
                ["noise2"] = SyntheticData.Gaussian(random),
            });
            labels.Add(scrap ? "scrap" : "keep");
        }

        return new SoftmaxRegressionTrainer(new SoftmaxTrainingOptions(["drive", "noise1", "noise2"]) { Seed = 1 }).Train(rows, labels);
    }
}
