using Rung.Registry.Gates;
using Rung.Storage.Registry;

namespace Rung.Registry.Retraining;

/// <summary>
/// Retraining end to end: exports the snapshot, runs the training job, registers and signs the artefact as the
/// challenger (lineage: snapshot id and hash, code version, parameters, metrics, parent = champion), loads it
/// through verification and runs its test gates against the champion, storing the report. It never releases:
/// a release needs the gates and, under a regulated policy, an electronic signature.
/// </summary>
/// <param name="registry">The registry.</param>
/// <param name="runner">The configured training job.</param>
/// <param name="workFolder">Where snapshots and training output go (DIR/retraining).</param>
/// <param name="time">Stamps and measures.</param>
public sealed class RetrainingPipeline(ModelRegistry registry, ITrainingRunner runner, string workFolder, TimeProvider time)
{
    /// <summary>Runs one retraining against the current champion.</summary>
    /// <exception cref="InvalidOperationException">The agent has no champion to compare with.</exception>
    /// <exception cref="TrainingFailedException">The training job failed.</exception>
    public async Task<RetrainingResult> RunAsync(RetrainingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var agentId = request.Agent.Id;
        var champion = await registry.GetAliasAsync(agentId, ModelAliases.Champion, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Agent '{agentId}' has no champion; register, sign and release one first.");
        var features = request.Agent.Inputs.Select(i => i.Name).ToList();
        var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var run = Path.Combine(workFolder, agentId, $"{stamp}-{request.Trigger}");
        var provenance = new DatasetProvenance(agentId, request.Trigger, "journal: cases with their first outcome", request.Training.Count > 0 ? request.Training[0].OccurredAt : null, request.Training.Count > 0 ? request.Training[^1].OccurredAt : null, time.GetUtcNow());
        var snapshot = await DatasetExporter.ExportAsync(Path.Combine(run, "dataset"), request.Training, features, provenance, cancellationToken).ConfigureAwait(false);
        var output = await runner.TrainAsync(snapshot, Path.Combine(run, "output"), cancellationToken).ConfigureAwait(false);

        var lineage = new ModelLineage(snapshot.Id, snapshot.Sha256, output.CodeVersion, output.Parameters, output.Metrics, request.Trigger.ToString());
        var registered = await registry.RegisterAsync(new ModelRegistration(agentId, output.Configuration, [output.Folder], lineage, champion, request.RequestedBy), cancellationToken).ConfigureAwait(false);
        await registry.SignAsync(agentId, registered.Version, "system", cancellationToken).ConfigureAwait(false);
        await registry.SetChallengerAsync(agentId, registered.Version, request.RequestedBy, cancellationToken).ConfigureAwait(false);

        var gate = new ChallengerGate(request.Agent, request.Gates, time);
        await using var championModel = await VerifiedModelLoader.LoadAsync(registry, agentId, champion, time, cancellationToken).ConfigureAwait(false);
        await using var challengerModel = await VerifiedModelLoader.LoadAsync(registry, agentId, registered.Version, time, cancellationToken).ConfigureAwait(false);
        var report = await gate.EvaluateAsync(championModel, challengerModel, ToGate(request.Holdout, request.SliceFields), ToGate(request.Production, request.SliceFields), cancellationToken).ConfigureAwait(false);
        await registry.RecordGateAsync(report, request.RequestedBy, cancellationToken).ConfigureAwait(false);
        var described = await registry.GetAsync(agentId, registered.Version, cancellationToken).ConfigureAwait(false);
        return new RetrainingResult(snapshot, described!, report);
    }

    /// <summary>Labelled cases as gate cases, with their slice fields.</summary>
    public static IReadOnlyList<GateCase> ToGate(IReadOnlyList<LabelledCase> cases, Func<LabelledCase, IReadOnlyDictionary<string, string>>? fields)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var none = new Dictionary<string, string>();
        return [.. cases.Select(c => new GateCase(c.Features, c.CorrectAction, fields?.Invoke(c) ?? none))];
    }

}
