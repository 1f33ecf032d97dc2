namespace Rung.Registry.Retraining;

/// <summary>A configured training job: turns a dataset snapshot into a model artefact.</summary>
public interface ITrainingRunner
{
    /// <summary>Trains on <paramref name="snapshot"/>, writing artefacts and <c>training.json</c> into <paramref name="outputFolder"/>.</summary>
    /// <exception cref="TrainingFailedException">The job failed, timed out or returned nothing usable; the message says which.</exception>
    Task<TrainingOutput> TrainAsync(DatasetSnapshot snapshot, string outputFolder, CancellationToken cancellationToken = default);
}
