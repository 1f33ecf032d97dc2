using Rung.Core.Exceptions;
using Rung.Storage.Journal;

namespace Rung.Server.Data;

/// <summary>An open exception item with its case and the business time left on its SLA.</summary>
/// <param name="Item">The item.</param>
/// <param name="Decision">Its case as decided, or null when the journal has none.</param>
/// <param name="BusinessTimeLeft">Business hours left until due; negative business time past due when overdue.</param>
/// <param name="Actions">The actions a person may choose, from the use case or the proposal.</param>
public sealed record ExceptionRow(ExceptionItem Item, DecisionRecord? Decision, TimeSpan BusinessTimeLeft, IReadOnlyList<string> Actions);
