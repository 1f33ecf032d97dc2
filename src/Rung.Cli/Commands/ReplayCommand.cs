using System.CommandLine;
using Rung.Core.Drift;
using Rung.Core.Outcomes;
using Rung.Core.Policy;
using Rung.Models;
using Rung.Runtime.Agents;
using Rung.Runtime.Connectors;
using Rung.Runtime.Ingest;
using Rung.Runtime.Models;
using Rung.Storage.Journal;
using Rung.Storage.Sqlite;
using Rung.UseCases;

namespace Rung.Cli.Commands;

/// <summary>
/// <c>rung replay</c>: runs historical cases through an agent, durably, resumable after a crash. With
/// <c>--report</c> it reads the history tolerantly (bad rows are set aside and listed, never silently dropped) and
/// writes the shadow-replay report a team reads before going live.
/// </summary>
internal static class ReplayCommand
{
    public const string ReportMarkdown = "replay-report.md";
    public const string ReportJson = "replay-report.json";

    public static Command Create()
    {
        var useCase = new Option<FileInfo>("--usecase") { Description = "The use-case YAML file", Required = true };
        var input = new Option<FileInfo>("--input") { Description = "History to replay: CSV (case_id, occurred_at, one column per input, optional human_action) or JSON lines (.jsonl)", Required = true };
        var batch = new Option<int>("--batch") { Description = "Cases per durable journal append", DefaultValueFactory = _ => 500 };
        var acks = new Option<bool>("--print-acks") { Description = "Print each case id on standard output once its decision is durable" };
        var report = new Option<DirectoryInfo?>("--report") { Description = $"Write the shadow-replay report ({ReportMarkdown} and {ReportJson}) into this folder; bad rows are then set aside and listed in the report instead of stopping the replay" };
        var data = CommonOptions.Data();
        var command = new Command("replay", "Run historical cases through an agent at its current stage (Shadow for a new agent): every decision is journalled, human actions in the history become labels, and a rerun after a crash continues where it stopped without deciding any case twice")
        {
            useCase, input, batch, acks, report, data,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var batchSize = parse.GetValue(batch);
            if (batchSize is < 1 or > 100_000)
            {
                Console.Error.WriteLine($"--batch must be between 1 and 100000; got {batchSize}.");
                return ExitCodes.BadInput;
            }

            var run = new ReplayRun(parse.GetValue(useCase)!, parse.GetValue(input)!, batchSize, parse.GetValue(acks), parse.GetValue(report), parse.GetValue(data)!);
            return await RunAsync(run, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(ReplayRun run, CancellationToken cancellationToken)
    {
        UseCaseFile file;
        long total;
        CaseFileReader reader;
        var tolerant = run.Report is not null;
        try
        {
            file = UseCaseLoader.LoadFile(run.UseCase.FullName);
            reader = new CaseFileReader([.. file.Definition.Agent.Inputs.Select(i => i.Name)], [.. file.Definition.Agent.Actions.Select(a => a.Name)]);
            // The whole file is checked before anything is stored: a bad line leaves the journal untouched, or, for a
            // report, the problems are known (and the count of cases to decide) before the first decision.
            if (tolerant)
            {
                var check = new CaseFileProblems();
                await foreach (var _ in reader.ReadTolerantAsync(run.Input.FullName, check, cancellationToken).ConfigureAwait(false))
                {
                }

                total = check.Accepted;
            }
            else
            {
                total = await reader.ValidateAsync(run.Input.FullName, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is UseCaseFileException or CaseFileException)
        {
            Console.Error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }

        var definition = file.Definition;
        var baseDirectory = Path.GetDirectoryName(file.SourcePath)!;
        var time = TimeProvider.System;
        ReplayReportModelCounter counted;
        ReferenceProfile? profile;
        try
        {
            profile = tolerant ? await ModelFactory.LoadProfileAsync(definition.Agent.Model, baseDirectory, cancellationToken).ConfigureAwait(false) : null;
            counted = new ReplayReportModelCounter(await ModelFactory.CreateAsync(definition.Agent, baseDirectory, time, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is ModelCallException or InvalidDataException or FileNotFoundException)
        {
            Console.Error.WriteLine($"The model cannot be used: {ex.Message}");
            return ExitCodes.BadInput;
        }

        await using var model = counted;
        await using var store = await SqliteRungStore.OpenAsync(CommonOptions.DatabasePath(run.Data), time, cancellationToken).ConfigureAwait(false);
        await using var connector = await JsonLinesActionConnector.OpenAsync(CommonOptions.ActionsPath(run.Data, definition.Agent.Id), cancellationToken).ConfigureAwait(false);
        var agent = await AgentRuntime.StartAsync(definition, store, model, connector, time, cancellationToken).ConfigureAwait(false);
        Console.Error.WriteLine($"Replaying {total} cases from {run.Input.Name} through {definition.Agent.Id} at {agent.Stage}.");

        var builder = tolerant ? new ReplayReportBuilder(definition, run.Input.Name, profile) : null;
        var problems = new CaseFileProblems();
        var counts = new Dictionary<Disposition, long>();
        long done = 0, duplicates = 0, labelled = 0, agreed = 0;
        var rows = new List<CaseRow>(run.BatchSize);
        async Task FlushAsync()
        {
            var decided = await agent.DecideAsync([.. rows.Select(r => r.Input)], cancellationToken).ConfigureAwait(false);
            var labels = new List<Outcome>();
            var labelOf = new int[decided.Count];
            var records = new DecisionRecord[decided.Count];
            for (var i = 0; i < decided.Count; i++)
            {
                var (record, result) = decided[i];
                records[i] = record;
                if (result == AppendResult.Duplicate)
                {
                    duplicates++;
                    // The report describes what the journal holds, which for a case decided by an earlier run is that run's decision.
                    records[i] = builder is null ? record : await store.GetDecisionAsync(record.Case.CaseId, cancellationToken).ConfigureAwait(false) ?? record;
                }
                else
                {
                    counts[record.Decision.Disposition] = counts.GetValueOrDefault(record.Decision.Disposition) + 1;
                }

                labelOf[i] = -1;
                // A case journalled by a run that died before its label was stored gets the label now; a label
                // already stored is recognised and kept once.
                if (rows[i].HumanAction is { } human)
                {
                    labelOf[i] = labels.Count;
                    labels.Add(new Outcome(record.Case.CaseId, OutcomeSource.HumanAction, human, record.Case.OccurredAt, "history"));
                }
            }

            var outcomes = await agent.RecordOutcomesAsync(labels, cancellationToken).ConfigureAwait(false);
            foreach (var outcome in outcomes)
            {
                if (outcome.Stored)
                {
                    labelled++;
                    agreed += outcome.Judgement.Correct ? 1 : 0;
                }
            }

            for (var i = 0; i < decided.Count; i++)
            {
                builder?.Add(records[i], decided[i].Result == AppendResult.Duplicate, labelOf[i] < 0 ? null : outcomes[labelOf[i]].Judgement);
            }

            if (run.PrintAcks)
            {
                // Printed only now: every id below is durable in the journal.
                foreach (var (record, _) in decided)
                {
                    Console.Out.WriteLine(record.Case.CaseId);
                }

                await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            done += rows.Count;
            rows.Clear();
            Console.Error.WriteLine($"  {done}/{total} cases");
        }

        try
        {
            var source = tolerant ? reader.ReadTolerantAsync(run.Input.FullName, problems, cancellationToken) : reader.ReadAsync(run.Input.FullName, cancellationToken);
            await foreach (var row in source.ConfigureAwait(false))
            {
                rows.Add(row);
                if (rows.Count == run.BatchSize)
                {
                    await FlushAsync().ConfigureAwait(false);
                }
            }
        }
        catch (CaseFileException ex)
        {
            // The file passed the check and then changed under the replay. What was decided is journalled; a
            // rerun on the corrected file continues from there without deciding anything twice.
            Console.Error.WriteLine($"{ex.Message} (the file changed during the replay; {done} cases were journalled before this line)");
            return ExitCodes.BadInput;
        }

        if (rows.Count > 0)
        {
            await FlushAsync().ConfigureAwait(false);
        }

        var summary = string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value} {c.Key}"));
        Console.Error.WriteLine($"Done: {done - duplicates} decided ({summary}), {duplicates} already journalled and skipped.");
        if (labelled > 0)
        {
            Console.Error.WriteLine($"Agreement with the human actions in the history: {agreed}/{labelled} ({100.0 * agreed / labelled:0.0} %).");
        }

        if (builder is not null)
        {
            var report = builder.Build(agent.Stage.ToString(), problems, counted.Failures, time.GetUtcNow());
            Directory.CreateDirectory(run.Report!.FullName);
            await File.WriteAllTextAsync(Path.Combine(run.Report.FullName, ReportJson), ReplayReportJson.Write(report), cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(run.Report.FullName, ReportMarkdown), ReplayReportMarkdown.Render(report), cancellationToken).ConfigureAwait(false);
            foreach (var rejected in problems.Rejected)
            {
                Console.Error.WriteLine($"  set aside: {rejected.Message}");
            }

            Console.Error.WriteLine($"Report: {Path.Combine(run.Report.FullName, ReportMarkdown)} ({report.Rows} rows: {report.Decided} decided, {report.AlreadyJournalled} already journalled, {report.Rejected} set aside).");
        }

        return ExitCodes.Ok;
    }

    private sealed record ReplayRun(FileInfo UseCase, FileInfo Input, int BatchSize, bool PrintAcks, DirectoryInfo? Report, DirectoryInfo Data);
}
