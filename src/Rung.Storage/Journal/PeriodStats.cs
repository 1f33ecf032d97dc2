using Rung.Core.Ladder;

namespace Rung.Storage.Journal;

/// <summary>
/// Counts for one agent over one period [Start, Start + length), from the journal. Cases are counted by
/// their source time; outcomes, approvals and exception resolutions by the time they happened.
/// </summary>
/// <param name="Start">The period's start (UTC).</param>
/// <param name="Cases">Cases decided.</param>
/// <param name="Committed">Cases committed automatically.</param>
/// <param name="PendingApproval">Cases drafted for approval.</param>
/// <param name="Excepted">Cases routed to the exception queue.</param>
/// <param name="Blocked">Cases blocked by a guard.</param>
/// <param name="Labelled">Judgements recorded (first outcome per case).</param>
/// <param name="Correct">Of those, correct.</param>
/// <param name="HighSeverityErrors">Of those, wrong with High severity.</param>
/// <param name="Approvals">Approver verdicts recorded.</param>
/// <param name="Approved">Of those, approved.</param>
/// <param name="ExceptionsResolved">Exception items resolved.</param>
/// <param name="MeanExceptionAge">Mean wall-clock time from creation to resolution of the items resolved; zero when none.</param>
/// <param name="MaxExceptionAge">The longest such time; zero when none.</param>
/// <param name="SlaBreaches">Items resolved after their due time, plus items still open past due at the period's end.</param>
/// <param name="StageAtEnd">The agent's stage at the end of the period.</param>
public sealed record PeriodStats(
    DateTimeOffset Start,
    int Cases,
    int Committed,
    int PendingApproval,
    int Excepted,
    int Blocked,
    int Labelled,
    int Correct,
    int HighSeverityErrors,
    int Approvals,
    int Approved,
    int ExceptionsResolved,
    TimeSpan MeanExceptionAge,
    TimeSpan MaxExceptionAge,
    int SlaBreaches,
    Stage StageAtEnd);
