using Rung.Runtime.Ingest;

namespace Rung.Cli.Commands;

/// <summary>
/// What a team reads before going live: what the agent would have done against what people did, on the plant's own
/// history. Written as JSON and Markdown by <c>rung replay --report</c>. The counts add up:
/// <see cref="Rows"/> = <see cref="Decided"/> + <see cref="AlreadyJournalled"/> + <see cref="Rejected"/>.
/// </summary>
internal sealed record ReplayReport(
    string UseCase,
    string Agent,
    string Stage,
    string ModelVersion,
    string History,
    DateTimeOffset GeneratedAt,
    long Rows,
    long Decided,
    long AlreadyJournalled,
    long Rejected,
    IReadOnlyList<CaseFileProblem> RejectedRows,
    IReadOnlyList<CaseFileProblem> FileNotes,
    IReadOnlyDictionary<string, long> Dispositions,
    long Flagged,
    IReadOnlyDictionary<string, long> ModelFailures,
    long Labelled,
    long Agreed,
    double? Agreement,
    IReadOnlyList<string> Classes,
    IReadOnlyList<IReadOnlyList<long>> Confusion,
    IReadOnlyList<ReplayReportClass> PerClass,
    IReadOnlyList<ReplayReportSeverity> PerSeverity,
    IReadOnlyList<ReplayReportMonth> PerMonth,
    ReplayReportDrift Drift);
