using Rung.Registry.Gates;
using Rung.Registry.Shadow;
using Rung.Storage.Registry;

namespace Rung.Registry;

public sealed partial class ModelRegistry
{
    /// <summary>Stores a gate report as evidence about its challenger.</summary>
    public Task<ModelEvidence> RecordGateAsync(GateReport report, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var json = RegistryJson.Write(report);
        var detail = RegistryJson.Write(new { champion = report.Champion, passed = report.Passed, failed = report.FailedChecks.Select(c => $"{c.Name}: {c.Detail}") });
        return store.AppendModelEvidenceAsync(
            new ModelEvidence(report.AgentId, report.Challenger, GateReport.EvidenceKind, report.Champion, report.Passed, report.At, json),
            new ModelEvent(report.AgentId, report.Challenger, report.Passed ? "gate.passed" : "gate.failed", actor, report.At, detail),
            cancellationToken);
    }

    /// <summary>Stores a shadow comparison as evidence about its challenger.</summary>
    public Task<ModelEvidence> RecordShadowAsync(ShadowReport report, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var json = RegistryJson.Write(report);
        return store.AppendModelEvidenceAsync(
            new ModelEvidence(report.AgentId, report.Challenger, ShadowReport.EvidenceKind, report.Champion, true, report.At, json),
            new ModelEvent(report.AgentId, report.Challenger, "shadow.compared", actor, report.At, json),
            cancellationToken);
    }
}
