using System.CommandLine;
using Rung.Core.Outcomes;
using Rung.Core.Policy;
using Rung.Runtime.Agents;
using Rung.Runtime.Connectors;
using Rung.Runtime.Ingest;
using Rung.Runtime.Models;
using Rung.Storage.Journal;
using Rung.Storage.Sqlite;
using Rung.UseCases;

namespace Rung.Cli.Commands;

/// <summary><c>rung replay</c>: runs historical cases through an agent, durably, resumable after a crash.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var useCase = new Option<FileInfo>("--usecase") { Description = "The use-case YAML file", Required = true };
        var input = new Option<FileInfo>("--input") { Description = "History to replay: CSV (case_id, occurred_at, one column per input, optional human_action) or JSON lines (.jsonl)", Required = true };
        var batch = new Option<int>("--batch") { Description = "Cases per durable journal append", DefaultValueFactory = _ => 500 };
        var acks = new Option<bool>("--print-acks") { Description = "Print each case id on standard output once its decision is durable" };
        var data = CommonOptions.Data();
        var command = new Command("replay", "Run historical cases through an agent at its current stage (Shadow for a new agent): every decision is journalled, human actions in the history become labels, and a rerun after a crash continues where it stopped without deciding any case twice")
        {
            useCase, input, batch, acks, data,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var batchSize = parse.GetValue(batch);
            if (batchSize is < 1 or > 100_000)
            {
                Console.Error.WriteLine($"--batch must be between 1 and 100000; got {batchSize}.");
                return ExitCodes.BadInput;
            }

            return await RunAsync(parse.GetValue(useCase)!, parse.GetValue(input)!, batchSize, parse.GetValue(acks), parse.GetValue(data)!, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(FileInfo useCasePath, FileInfo inputPath, int batchSize, bool printAcks, DirectoryInfo data, CancellationToken cancellationToken)
    {
        UseCaseFile file;
        long total;
        CaseFileReader reader;
        try
        {
            file = UseCaseLoader.LoadFile(useCasePath.FullName);
            reader = new CaseFileReader([.. file.Definition.Agent.Inputs.Select(i => i.Name)], [.. file.Definition.Agent.Actions.Select(a => a.Name)]);
            // The whole file is checked before anything is stored: a bad line leaves the journal untouched.
            total = await reader.ValidateAsync(inputPath.FullName, cancellationToken).ConfigureAwait(false);
        }
        catch (UseCaseFileException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (CaseFileException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }

        var definition = file.Definition;
        var time = TimeProvider.System;
        await using var store = await SqliteRungStore.OpenAsync(CommonOptions.DatabasePath(data), time, cancellationToken).ConfigureAwait(false);
        await using var connector = await JsonLinesActionConnector.OpenAsync(CommonOptions.ActionsPath(data, definition.Agent.Id), cancellationToken).ConfigureAwait(false);
        await using var model = await ModelFactory.CreateAsync(definition.Agent, Path.GetDirectoryName(file.SourcePath)!, time, cancellationToken).ConfigureAwait(false);
        var agent = await AgentRuntime.StartAsync(definition, store, model, connector, time, cancellationToken).ConfigureAwait(false);
        Console.Error.WriteLine($"Replaying {total} cases from {inputPath.Name} through {definition.Agent.Id} at {agent.Stage}.");

        var counts = new Dictionary<Disposition, long>();
        long done = 0, duplicates = 0, labelled = 0, agreed = 0;
        var rows = new List<CaseRow>(batchSize);
        async Task FlushAsync()
        {
            var decided = await agent.DecideAsync([.. rows.Select(r => r.Input)], cancellationToken).ConfigureAwait(false);
            var labels = new List<Outcome>();
            for (var i = 0; i < decided.Count; i++)
            {
                var (record, result) = decided[i];
                if (result == AppendResult.Duplicate)
                {
                    duplicates++;
                }
                else
                {
                    counts[record.Decision.Disposition] = counts.GetValueOrDefault(record.Decision.Disposition) + 1;
                }

                // A case journalled by a run that died before its label was stored gets the label now; a label
                // already stored is recognised and kept once.
                if (rows[i].HumanAction is { } human)
                {
                    labels.Add(new Outcome(record.Case.CaseId, OutcomeSource.HumanAction, human, record.Case.OccurredAt, "history"));
                }
            }

            foreach (var outcome in await agent.RecordOutcomesAsync(labels, cancellationToken).ConfigureAwait(false))
            {
                if (outcome.Stored)
                {
                    labelled++;
                    agreed += outcome.Judgement.Correct ? 1 : 0;
                }
            }

            if (printAcks)
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
            await foreach (var row in reader.ReadAsync(inputPath.FullName, cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row);
                if (rows.Count == batchSize)
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

        return ExitCodes.Ok;
    }
}
