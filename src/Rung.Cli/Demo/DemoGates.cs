using Rung.Core.UseCases;
using Rung.Gates;
using Rung.Gates.Reports;
using Rung.Storage.Sqlite;

namespace Rung.Cli.Demo;

/// <summary>The demo's view of the go/no-go gate: the verdict at each promotion, and the final report in the data folder.</summary>
internal static class DemoGates
{
    /// <summary>The report's file name inside the data folder.</summary>
    public const string ReportFile = "gate-report.html";

    /// <summary>The gate's verdict now, in one line for the day's events.</summary>
    public static async Task<string> VerdictAsync(SqliteRungStore store, UseCaseDefinition useCase, TimeProvider clock, CancellationToken cancellationToken)
    {
        var report = await new GateService(store, store, clock).EvaluateAsync(useCase, cancellationToken).ConfigureAwait(false);
        return "gate " + report.Headline;
    }

    /// <summary>Writes the gate report of the agent as it ends the run, as HTML, into the data folder.</summary>
    public static async Task<string> WriteReportAsync(SqliteRungStore store, UseCaseDefinition useCase, TimeProvider clock, string data, CancellationToken cancellationToken)
    {
        var report = await new GateService(store, store, clock).EvaluateAsync(useCase, cancellationToken).ConfigureAwait(false);
        var path = Path.Combine(data, ReportFile);
        await File.WriteAllTextAsync(path, GateReportHtml.Write(report), cancellationToken).ConfigureAwait(false);
        return path;
    }
}
