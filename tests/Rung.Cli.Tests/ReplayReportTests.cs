using System.Text.Json.Nodes;
using Rung.Testing;

namespace Rung.Cli.Tests;

/// <summary>
/// `rung replay --report` on a small history with planted defects: each defect is listed with its line and column,
/// the counts add up, and every figure matches the one worked out by hand in the comments.
/// </summary>
public sealed class ReplayReportTests
{
    // Model: scrap when vib > 5, else keep. Lines 7, 8, 11 and 12 are planted defects.
    private const string History = """
        case_id,occurred_at,temp,vib,human_action
        a1,2026-01-05T08:00:00Z,50,1,keep
        a2,2026-01-06T08:00:00Z,50,9,scrap
        a3,2026-01-07T08:00:00Z,50,2,scrap
        a4,2026-01-08T08:00:00Z,50,7,keep
        a5,2026-01-09T08:00:00Z,50,3,
        a6,2026-01-10T08:00:00,50,3,keep
        a7,2026-02-02T08:00:00Z,abc,3,keep
        a8,2026-02-03T08:00:00Z,50,8,scrap
        a9,2026-02-04T08:00:00Z,50,1,keep
        a9,2026-02-05T08:00:00Z,50,1,keep
        a10,2026-02-06T08:00:00Z,50,1
        a11,2026-02-07T08:00:00Z,,1,keep
        """;

    private const string Model = """
        import json, sys
        for line in sys.stdin:
            request = json.loads(line)
            vib = request["features"].get("vib") or 0
            print(json.dumps({"id": request["id"], "action": "scrap" if vib > 5 else "keep", "confidence": 0.9}), flush=True)
        """;

    private static readonly string UseCase = MinimalUseCase.Head
        .Replace("id: demo", "id: replay-test", StringComparison.Ordinal)
        .Replace("name: Demo", "name: Replay test", StringComparison.Ordinal) + """
        agent:
          id: replay-agent
          scope: acme/site/area/line
          model: { kind: process, version: "m-1", command: python3, args: [model.py] }
          inputs:
            - { name: temp, unit: degC, min: 0, max: 100 }
            - { name: vib, unit: mm/s, min: 0, max: 50 }
          actions:
            - { name: keep, severity: Low }
            - { name: scrap, severity: Medium }
          default_action: keep
          error_severity:
            - { proposed: keep, actual: scrap, severity: High }
            - { proposed: scrap, actual: keep, severity: Low }
        """;

    [Fact]
    public async Task Replay_WithReport_ListsEachPlantedDefectAndMatchesHandComputedFigures()
    {
        using var dir = new TempDirectory();
        var (useCase, history) = Write(dir);

        var (code, _, stderr) = await RungProcess.RunAsync("replay", "--usecase", useCase, "--input", history, "--data", dir.File("data"), "--report", dir.File("report"), "--batch", "3");

        Assert.True(code == 0, stderr);
        Assert.Contains("set aside: history.csv:8 (temp): 'abc' is not a number", stderr);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.File("report"), "replay-report.json")))!;
        var markdown = File.ReadAllText(Path.Combine(dir.File("report"), "replay-report.md"));

        // 12 data rows = 8 decided + 0 already journalled + 4 set aside.
        Assert.Equal(12, (long)report["rows"]!);
        Assert.Equal(8, (long)report["decided"]!);
        Assert.Equal(0, (long)report["already_journalled"]!);
        Assert.Equal(4, (long)report["rejected"]!);
        Assert.Equal(
            [(7L, "occurred_at"), (8L, "temp"), (11L, "case_id"), (12L, "human_action")],
            report["rejected_rows"]!.AsArray().Select(r => ((long)r!["line"]!, (string)r["field"]!)));
        Assert.Contains("appears twice (first at line 10)", (string)report["rejected_rows"]![2]!["problem"]!);
        Assert.Equal(8, (long)report["dispositions"]!["Logged"]!);
        Assert.Equal(1, (long)report["flagged"]!); // a11 lacks the required temp

        // Labelled: a1 a2 a3 a4 a8 a9 a11 = 7; agreed: a1 a2 a8 a9 a11 = 5.
        Assert.Equal(7, (long)report["labelled"]!);
        Assert.Equal(5, (long)report["agreed"]!);
        Assert.Equal(5.0 / 7, (double)report["agreement"]!, 9);

        // People keep: a1 keep, a4 scrap, a9 keep, a11 keep. People scrap: a2 scrap, a3 keep, a8 scrap.
        Assert.Equal(["keep", "scrap"], report["classes"]!.AsArray().Select(c => (string)c!));
        Assert.Equal([3L, 1L], report["confusion"]![0]!.AsArray().Select(n => (long)n!));
        Assert.Equal([1L, 2L], report["confusion"]![1]!.AsArray().Select(n => (long)n!));
        var scrap = report["per_class"]![1]!;
        Assert.Equal(("scrap", 3L, 3L, 2L), ((string)scrap["action"]!, (long)scrap["human"]!, (long)scrap["agent"]!, (long)scrap["agreed"]!));
        Assert.Equal(2.0 / 3, (double)scrap["precision"]!, 9);
        Assert.Equal(0.75, (double)report["per_class"]![0]!["recall"]!, 9);

        // Proposals: keep (Low) a1 a3 a5 a9 a11; scrap (Medium) a2 a4 a8. Errors: a3 keep-for-scrap High, a4 scrap-for-keep Low.
        var severity = report["per_severity"]!.AsArray().ToDictionary(s => (string)s!["severity"]!, s => s!);
        Assert.Equal([5L, 4L, 3L, 1L], Figures(severity["Low"], "proposals", "labelled", "agreed", "errors"));
        Assert.Equal([3L, 3L, 2L, 0L], Figures(severity["Medium"], "proposals", "labelled", "agreed", "errors"));
        Assert.Equal([0L, 0L, 0L, 1L], Figures(severity["High"], "proposals", "labelled", "agreed", "errors"));

        // January: a1..a5, agreed a1 a2 of 4 labelled. February: a8 a9 a11, all labelled and agreed, a11 flagged.
        var months = report["per_month"]!.AsArray();
        Assert.Equal(["2026-01", "2026-02"], months.Select(m => (string)m!["month"]!));
        Assert.Equal([5L, 4L, 2L, 0L], Figures(months[0], "cases", "labelled", "agreed", "flagged"));
        Assert.Equal([3L, 3L, 3L, 1L], Figures(months[1], "cases", "labelled", "agreed", "flagged"));
        Assert.Null(months[0]!["drifted_features"]);
        Assert.NotNull(months[1]!["drifted_features"]);
        Assert.Contains("first month, 2026-01", (string)report["drift"]!["reference"]!);
        Assert.Equal(2, report["drift"]!["months"]!["2026-02"]!.AsArray().Count);

        Assert.Contains("| 12 | 8 | 0 | 4 |", markdown);
        Assert.Contains("| 7 | occurred_at | '2026-01-10T08:00:00' is not an ISO 8601 time", markdown);
        Assert.Contains("Agreement: **5/7 (71.4 %)**", markdown);
        Assert.Contains("| keep | 3 | 1 |", markdown);
    }

    [Fact]
    public async Task Replay_WithReportRerun_CountsTheJournalledCasesAndKeepsTheFigures()
    {
        using var dir = new TempDirectory();
        var (useCase, history) = Write(dir);
        string[] args = ["replay", "--usecase", useCase, "--input", history, "--data", dir.File("data"), "--report", dir.File("report")];
        var first = await RungProcess.RunAsync(args);
        Assert.True(first.ExitCode == 0, first.Stderr);

        var (code, _, stderr) = await RungProcess.RunAsync(args);

        Assert.True(code == 0, stderr);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.File("report"), "replay-report.json")))!;
        Assert.Equal([12L, 0L, 8L, 4L], Figures(report, "rows", "decided", "already_journalled", "rejected"));
        Assert.Equal([7L, 5L], Figures(report, "labelled", "agreed"));
    }

    [Fact]
    public async Task Replay_WithoutReport_StaysStrictAndStoresNothing()
    {
        using var dir = new TempDirectory();
        var (useCase, history) = Write(dir);

        var (code, _, stderr) = await RungProcess.RunAsync("replay", "--usecase", useCase, "--input", history, "--data", dir.File("data"));

        Assert.Equal(2, code);
        Assert.Contains("history.csv:7 (occurred_at)", stderr);
        Assert.False(File.Exists(Path.Combine(dir.File("data"), "rung.db")));
    }

    private static (string UseCase, string History) Write(TempDirectory dir)
    {
        File.WriteAllText(dir.File("model.py"), Model);
        File.WriteAllText(dir.File("usecase.yaml"), UseCase);
        File.WriteAllText(dir.File("history.csv"), History);
        return (dir.File("usecase.yaml"), dir.File("history.csv"));
    }

    private static long[] Figures(JsonNode? node, params string[] names) => [.. names.Select(n => (long)node![n]!)];
}
