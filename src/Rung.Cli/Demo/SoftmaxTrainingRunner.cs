using System.Globalization;
using Rung.Models.Softmax;
using Rung.Registry;
using Rung.Registry.Retraining;

namespace Rung.Cli.Demo;

/// <summary>The demo's training command: the in-process softmax trainer reading the exported snapshot, deterministic for a seed.</summary>
internal sealed class SoftmaxTrainingRunner(int seed) : ITrainingRunner
{
    private const string ModelFile = "model.softmax.json";

    public async Task<TrainingOutput> TrainAsync(DatasetSnapshot snapshot, string outputFolder, CancellationToken cancellationToken = default)
    {
        var lines = await File.ReadAllLinesAsync(snapshot.DataPath, cancellationToken).ConfigureAwait(false);
        var header = lines[0].Split(',');
        var rows = new List<IReadOnlyDictionary<string, double>>();
        var labels = new List<string>();
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            var row = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var feature in snapshot.Features)
            {
                var cell = cells[Array.IndexOf(header, feature)];
                // A missing value is trained on as the feature's typical value would be: skip rows without it.
                if (cell.Length == 0)
                {
                    row.Clear();
                    break;
                }

                row[feature] = double.Parse(cell, CultureInfo.InvariantCulture);
            }

            if (row.Count == snapshot.Features.Count)
            {
                rows.Add(row);
                labels.Add(cells[^1]);
            }
        }

        var options = new SoftmaxTrainingOptions(snapshot.Features) { Seed = seed, Epochs = 60 };
        var model = new SoftmaxRegressionTrainer(options).Train(rows, labels, cancellationToken);
        Directory.CreateDirectory(outputFolder);
        await using (var file = File.Create(Path.Combine(outputFolder, ModelFile)))
        {
            model.Save(file);
        }

        var correct = rows.Where((r, i) => new InProcessModelAdapter(model, "training").Predict(new Core.Cases.FeatureVector(r)).Action.Name == labels[i]).Count();
        var description = new TrainingDescription(
            ModelArtifactKind.InProcessFile, ModelFile, null, null, "rung.softmax-regression/1",
            new Dictionary<string, string> { ["epochs"] = "60", ["seed"] = seed.ToString(CultureInfo.InvariantCulture), ["rows"] = rows.Count.ToString(CultureInfo.InvariantCulture) },
            new Dictionary<string, double> { ["training_accuracy"] = rows.Count == 0 ? 0 : (double)correct / rows.Count });
        await File.WriteAllTextAsync(Path.Combine(outputFolder, TrainingOutput.DescriptionFile), RegistryJson.Write(description), cancellationToken).ConfigureAwait(false);
        return await TrainingDescription.ReadAsync(outputFolder, cancellationToken).ConfigureAwait(false);
    }
}
