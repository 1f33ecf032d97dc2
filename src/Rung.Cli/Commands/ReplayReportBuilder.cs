using System.Globalization;
using Rung.Core.Drift;
using Rung.Core.Outcomes;
using Rung.Core.Proposals;
using Rung.Core.UseCases;
using Rung.Runtime.Ingest;
using Rung.Storage.Journal;

namespace Rung.Cli.Commands;

/// <summary>
/// Gathers a replay's decisions and labels, case by case, into a <see cref="ReplayReport"/>. The drift reference is
/// the model's profile when the use case names one; otherwise the history's first month, against which the later
/// months are tested. Not thread-safe.
/// </summary>
/// <param name="useCase">The use case replayed.</param>
/// <param name="history">The history file's name, for the report.</param>
/// <param name="profile">The model's reference profile, or null.</param>
internal sealed class ReplayReportBuilder(UseCaseDefinition useCase, string history, ReferenceProfile? profile)
{
    /// <summary>Rows kept per month for the drift tests; beyond it a month is tested on its first rows.</summary>
    public const int DriftRowsPerMonth = 20_000;

    private readonly List<Entry> _entries = [];
    private readonly Dictionary<string, List<IReadOnlyDictionary<string, double>>> _monthRows = new(StringComparer.Ordinal);

    /// <summary>Adds one case: its decision (the journalled one for a case already journalled) and its judgement when labelled.</summary>
    public void Add(DecisionRecord record, bool alreadyJournalled, Judgement? judgement)
    {
        ArgumentNullException.ThrowIfNull(record);
        var month = Month(record.Case.OccurredAt);
        _entries.Add(new Entry(record.Case.CaseId, record.Case.OccurredAt, month, alreadyJournalled, record.Decision.Disposition.ToString(), !record.Case.Features.IsClean, record.Proposal.Action.Name, record.Proposal.Severity, judgement));
        if (!_monthRows.TryGetValue(month, out var rows))
        {
            _monthRows[month] = rows = [];
        }

        if (rows.Count < DriftRowsPerMonth)
        {
            rows.Add(record.Case.Features.Values);
        }
    }

    /// <summary>Builds the report.</summary>
    public ReplayReport Build(string stage, CaseFileProblems problems, IReadOnlyDictionary<string, long> modelFailures, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var labelled = _entries.Where(e => e.Judgement is not null).ToList();
        var agreed = labelled.LongCount(e => e.Judgement!.Correct);
        var classes = useCase.Agent.Actions.Select(a => a.Name).ToList();
        classes.AddRange(labelled.SelectMany(e => new[] { e.Judgement!.CorrectAction, e.Judgement.ProposedAction }).Distinct(StringComparer.Ordinal).Where(a => !classes.Contains(a)).Order(StringComparer.Ordinal));
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var confusion = classes.Select(_ => new long[classes.Count]).ToArray();
        foreach (var e in labelled)
        {
            confusion[index[e.Judgement!.CorrectAction]][index[e.Judgement.ProposedAction]]++;
        }

        var perClass = classes.Select((c, i) =>
        {
            var human = confusion[i].Sum();
            var agent = confusion.Sum(row => row[i]);
            var both = confusion[i][i];
            return new ReplayReportClass(c, human, agent, both, Ratio(both, agent), Ratio(both, human));
        }).ToList();

        var perSeverity = Enum.GetValues<Severity>().Select(s => new ReplayReportSeverity(
            s.ToString(),
            _entries.LongCount(e => e.Severity == s),
            labelled.LongCount(e => e.Severity == s),
            labelled.LongCount(e => e.Severity == s && e.Judgement!.Correct),
            labelled.LongCount(e => !e.Judgement!.Correct && e.Judgement.ErrorSeverity == s))).ToList();

        var (reference, tested) = Drift();
        var perMonth = _entries.GroupBy(e => e.Month, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var l = g.LongCount(e => e.Judgement is not null);
            var a = g.LongCount(e => e.Judgement is { Correct: true });
            IReadOnlyList<string>? drifted = tested.TryGetValue(g.Key, out var report) ? [.. report.Where(f => f.Drifted).Select(f => f.Feature)] : null;
            return new ReplayReportMonth(g.Key, g.LongCount(), l, a, Ratio(a, l), g.LongCount(e => e.Flagged), drifted);
        }).ToList();

        return new ReplayReport(
            useCase.Id,
            useCase.Agent.Id,
            stage,
            useCase.Agent.Model.Version,
            history,
            generatedAt,
            problems.Rows,
            _entries.LongCount(e => !e.AlreadyJournalled),
            _entries.LongCount(e => e.AlreadyJournalled),
            problems.Rejected.Count,
            problems.Rejected,
            problems.Notes,
            _entries.GroupBy(e => e.Disposition, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.LongCount(), StringComparer.Ordinal),
            _entries.LongCount(e => e.Flagged),
            modelFailures,
            labelled.Count,
            agreed,
            Ratio(agreed, labelled.Count),
            classes,
            [.. confusion.Select(row => (IReadOnlyList<long>)row)],
            perClass,
            perSeverity,
            perMonth,
            new ReplayReportDrift(reference, tested, ErrorChanges(labelled)));
    }

    private (string Reference, Dictionary<string, IReadOnlyList<FeatureDrift>> Months) Drift()
    {
        var months = _monthRows.Keys.Order(StringComparer.Ordinal).ToList();
        var tested = new Dictionary<string, IReadOnlyList<FeatureDrift>>(StringComparer.Ordinal);
        ReferenceProfile? reference = profile;
        string description;
        if (reference is not null)
        {
            description = $"the model's reference profile ({reference.Rows} rows, model {reference.ModelVersion})";
        }
        else if (months.Count >= 2 && _monthRows[months[0]].Count >= 2)
        {
            reference = ReferenceProfile.Build(useCase.Agent.Model.Version, _monthRows[months[0]]);
            description = $"the history's first month, {months[0]} ({_monthRows[months[0]].Count} cases): the model names no reference profile";
            months.RemoveAt(0);
        }
        else
        {
            return ("none: the model names no reference profile and the history spans less than two months", tested);
        }

        var detector = new DriftDetector(reference);
        foreach (var month in months)
        {
            tested[month] = detector.Evaluate(_monthRows[month]).Features;
        }

        return (description, tested);
    }

    private static List<ReplayReportErrorChange> ErrorChanges(List<Entry> labelled)
    {
        var adwin = new Adwin();
        var changes = new List<ReplayReportErrorChange>();
        foreach (var e in labelled.OrderBy(e => e.OccurredAt).ThenBy(e => e.CaseId, StringComparer.Ordinal))
        {
            var before = adwin.Mean;
            if (adwin.Add(!e.Judgement!.Correct))
            {
                changes.Add(new ReplayReportErrorChange(e.CaseId, e.OccurredAt, before, adwin.Mean));
            }
        }

        return changes;
    }

    private static double? Ratio(long part, long whole) => whole == 0 ? null : (double)part / whole;

    private static string Month(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private sealed record Entry(string CaseId, DateTimeOffset OccurredAt, string Month, bool AlreadyJournalled, string Disposition, bool Flagged, string Proposed, Severity Severity, Judgement? Judgement);
}
