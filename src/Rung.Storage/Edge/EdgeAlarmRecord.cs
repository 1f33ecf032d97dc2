using Rung.Core.Alarms;

namespace Rung.Storage.Edge;

/// <summary>An alarm raised on an edge, kept in its outbox until the server has it.</summary>
/// <param name="Id">The edge's id for it: the server applies each id once.</param>
/// <param name="AgentId">The agent it is about.</param>
/// <param name="Rule">The rule, for example <c>edge.model.integrity</c>.</param>
/// <param name="Subject">What it is about (a version and file, a model); with the rule it is the alarm's condition.</param>
/// <param name="Severity">How urgent.</param>
/// <param name="Title">One line for a person.</param>
/// <param name="Evidence">The details: file, problem, versions.</param>
/// <param name="RaisedAt">When the edge raised it (its clock).</param>
public sealed record EdgeAlarmRecord(
    string Id,
    string AgentId,
    string Rule,
    string Subject,
    AlarmSeverity Severity,
    string Title,
    IReadOnlyDictionary<string, string> Evidence,
    DateTimeOffset RaisedAt);
