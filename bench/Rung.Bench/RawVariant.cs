namespace Rung.Bench;

/// <summary>One way of writing the journal's rows straight into SQLite, for the anatomy.</summary>
/// <param name="Name">How the report names it.</param>
/// <param name="Synchronous">The PRAGMA synchronous value.</param>
/// <param name="Setup">SQL run once before writing.</param>
/// <param name="DecisionsOnly">Write only the decisions rows, not exception items and committed actions.</param>
/// <param name="Mark">How committed actions are then marked delivered, if at all.</param>
/// <param name="Native">Write through SQLite's C API with positional parameters instead of Microsoft.Data.Sqlite.</param>
internal sealed record RawVariant(string Name, string Synchronous, string Setup, bool DecisionsOnly, MarkDelivery Mark = MarkDelivery.None, bool Native = false);
