using System.Globalization;
using System.Text;
using Rung.Core.Ladder;
using Rung.Storage.Sqlite;
using Rung.Simulation;
using Rung.Simulation.Parts;
using Rung.Simulation.People;
using Rung.Testing;

namespace Rung.Cli.Tests;

/// <summary>
/// The journal's promise, tested the hard way: a real `rung replay` process, a real Python pilot model as its
/// child, killed without warning in the middle of the stream, then run again until done. Nothing acknowledged
/// may be lost, nothing decided, labelled or delivered twice.
/// </summary>
public sealed class ReplayCrashTests
{
    private const int Parts = 6000;

    [Fact]
    public async Task Replay_KilledMidStreamAndRerun_LosesAndDuplicatesNothing()
    {
        using var dir = new TempDirectory();
        var useCase = CopyMachiningSampleAt(dir, Stage.AutoWithExceptions);
        var (csv, ids, labelled) = WriteHistory(dir.File("history.csv"));
        var data = dir.File("data");
        var acked = new HashSet<string>(StringComparer.Ordinal);

        // Two kills at different depths, then a run to the end.
        foreach (var killAfter in new[] { 400, 1500 })
        {
            using var run = RungProcess.Start("replay", "--usecase", useCase, "--input", csv, "--data", data, "--batch", "10", "--print-acks");
            foreach (var line in run.StdoutLines.GetConsumingEnumerable())
            {
                acked.Add(line);
                if (acked.Count >= killAfter)
                {
                    break;
                }
            }

            Assert.False(run.HasExited, "the replay finished before it could be killed: " + string.Join('\n', run.StderrLines));
            run.Kill();
        }

        Assert.InRange(acked.Count, 1500, Parts - 1);
        var (code, _, stderr) = await RungProcess.RunAsync("replay", "--usecase", useCase, "--input", csv, "--data", data, "--batch", "25");
        Assert.True(code == 0, stderr);
        var skipped = int.Parse(System.Text.RegularExpressions.Regex.Match(stderr, @"(\d+) already journalled and skipped").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(skipped, acked.Count, Parts - 1);

        await using var store = await SqliteRungStore.OpenAsync(Path.Combine(data, "rung.db"), TimeProvider.System);
        Assert.Equal(Parts, await store.CountDecisionsAsync("line3-quality"));
        foreach (var id in acked)
        {
            Assert.NotNull(await store.GetDecisionAsync(id));
        }

        Assert.Subset(ids, acked);
        var stats = await store.GetPeriodStatsAsync("line3-quality", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(3650), new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var committed = stats.Sum(s => s.Committed);
        Assert.Equal(Parts, stats.Sum(s => s.Cases));
        Assert.Equal(labelled, stats.Sum(s => s.Labelled));

        var delivered = File.ReadAllLines(Path.Combine(data, "actions", "line3-quality.jsonl"))
            .Select(l => l.Split("\"case_id\":\"")[1].Split('"')[0])
            .ToList();
        Assert.True(committed > Parts / 2, $"only {committed} committed: the test would prove little");
        Assert.Equal(committed, delivered.Count);
        Assert.Equal(delivered.Count, delivered.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(await store.GetUndeliveredActionsAsync("line3-quality", 10));
    }

    [Fact]
    public async Task Replay_BadLineInTheMiddle_StoresNothingAndNamesTheLine()
    {
        using var dir = new TempDirectory();
        var useCase = CopyMachiningSampleAt(dir, Stage.Shadow);
        var (csv, _, _) = WriteHistory(dir.File("history.csv"), count: 50);
        var lines = File.ReadAllLines(csv);
        lines[30] = lines[30].Replace(",", ";", StringComparison.Ordinal);
        File.WriteAllLines(csv, lines);
        var data = dir.File("data");
        var (code, _, stderr) = await RungProcess.RunAsync("replay", "--usecase", useCase, "--input", csv, "--data", data);
        Assert.Equal(2, code);
        Assert.Contains("history.csv:31", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data, "rung.db")), "nothing may be stored from a bad file");
    }

    private static string CopyMachiningSampleAt(TempDirectory dir, Stage stage)
    {
        var sample = RepoPaths.Sample("machining-quality");
        File.Copy(Path.Combine(sample, "pilot_model.py"), dir.File("pilot_model.py"));
        var yaml = File.ReadAllText(Path.Combine(sample, "usecase.yaml")).Replace("initial_stage: Shadow", $"initial_stage: {stage}", StringComparison.Ordinal);
        File.WriteAllText(dir.File("usecase.yaml"), yaml);
        return dir.File("usecase.yaml");
    }

    private static (string Path, HashSet<string> Ids, int Labelled) WriteHistory(string path, int count = Parts)
    {
        var options = new LineSimulationOptions { Seed = 11 };
        var line = new MachiningLine(options);
        var people = new SimulatedPeople(options);
        var parts = line.Produce(options.Start, options.Start.AddDays(60)).Take(count).ToList();
        var text = new StringBuilder("case_id,occurred_at," + string.Join(',', SensorNames.All) + ",human_action\n");
        var labelled = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var p = parts[i];
            text.Append(p.PartId).Append(',').Append(p.ProducedAt.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
            foreach (var sensor in SensorNames.All)
            {
                text.Append(',');
                if (p.Sensors.TryGetValue(sensor, out var v))
                {
                    text.Append(v.ToString("R", CultureInfo.InvariantCulture));
                }
            }

            // Every third part has no recorded human action: a history is never complete.
            var label = i % 3 == 0 ? string.Empty : people.OperatorAction(p);
            labelled += label.Length > 0 ? 1 : 0;
            text.Append(',').Append(label).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
        return (path, [.. parts.Select(p => p.PartId)], labelled);
    }
}
