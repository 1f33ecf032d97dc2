using System.Text;
using Rung.Hardening.Tests.Fuzzing;
using Rung.Runtime.Ingest;
using Rung.Testing;

namespace Rung.Hardening.Tests.Parsers;

public sealed class CaseFileFuzzTests : IDisposable
{
    private static readonly string[] Tokens =
    [
        ",", "\"", "\"\"", "\n", "\r\n", "\r", "NaN", "1e999", "-0", "\uFEFF", "\u0000", "case_id", "occurred_at", "human_action", "x", "y",
        "2026-01-05T08:00:00Z", "2026-01-05T08:00:00", "{", "}", "[", "]", ":", "null", "\"values\":", "\\ud800", "9999-12-31T23:59:59-14:00",
    ];

    private readonly TempDirectory folder = new();
    private readonly CaseFileReader reader = new(["x", "y"], ["accept", "scrap"]);

    [Fact]
    public void Csv_MutatedAndRandomFiles_ReadsOrNamesLineAndField()
    {
        var corpus = new[]
        {
            "case_id,occurred_at,x,y,human_action\nc1,2026-01-05T08:00:00Z,1.5,2,accept\nc2,2026-01-05T08:01:00+01:00,,3,scrap\n\"c,3\",2026-01-05T08:02:00Z,NaN,\"4\",\n",
            "\uFEFFcase_id,occurred_at,x,y\r\nc1,2026-01-05T08:00:00Z,1,2\r\n",
        };
        var report = FuzzRunner.Run("csv", FuzzBudget.For(600), [.. corpus.Select(Encoding.UTF8.GetBytes)], Tokens, input => Read(input, ".csv"), input => (8L * 1024 * 1024) + (64L * input.Length));

        Assert.True(report.Findings.Count == 0, report.ToString());
        Assert.True(report.Accepted > 0 && report.Refused > 0, report.ToString());
    }

    [Fact]
    public void JsonLines_MutatedAndRandomFiles_ReadsOrNamesLineAndField()
    {
        var corpus = new[]
        {
            "{\"case_id\": \"c1\", \"occurred_at\": \"2026-01-05T08:00:00Z\", \"values\": {\"x\": 1.5, \"y\": null}, \"human_action\": \"accept\"}\n{\"case_id\": \"c2\", \"occurred_at\": \"2026-01-05T08:01:00+01:00\", \"values\": {\"x\": \"2\"}}\n",
            "{\"case_id\": \"c1\", \"occurred_at\": \"2026-01-05T08:00:00Z\", \"values\": {}}\n\n",
        };
        var report = FuzzRunner.Run("jsonl", FuzzBudget.For(400), [.. corpus.Select(Encoding.UTF8.GetBytes)], Tokens, input => Read(input, ".jsonl"), input => (8L * 1024 * 1024) + (64L * input.Length));

        Assert.True(report.Findings.Count == 0, report.ToString());
        Assert.True(report.Accepted > 0 && report.Refused > 0, report.ToString());
    }

    public void Dispose() => folder.Dispose();

    private FuzzOutcome Read(byte[] input, string extension)
    {
        var path = folder.File("cases" + extension);
        File.WriteAllBytes(path, input);
        var strict = Strict(path);
        var problems = new CaseFileProblems();
        try
        {
            var rows = Drain(reader.ReadTolerantAsync(path, problems));
            Assert.Equal(problems.Accepted, rows);
            Assert.All(problems.Rejected, p => Assert.False(string.IsNullOrWhiteSpace(p.Problem)));
        }
        catch (CaseFileException e)
        {
            AssertNamed(e, path);
            Assert.Equal(FuzzOutcome.Refused, strict);
        }

        return strict;
    }

    private FuzzOutcome Strict(string path)
    {
        try
        {
            reader.ValidateAsync(path).GetAwaiter().GetResult();
            return FuzzOutcome.Accepted;
        }
        catch (CaseFileException e)
        {
            AssertNamed(e, path);
            return FuzzOutcome.Refused;
        }
    }

    private static void AssertNamed(CaseFileException e, string path)
    {
        Assert.Equal(path, e.FilePath);
        Assert.False(string.IsNullOrWhiteSpace(e.Problem));
    }

    private static long Drain(IAsyncEnumerable<CaseRow> rows)
    {
        var task = Task.Run(async () =>
        {
            long count = 0;
            await foreach (var _ in rows)
            {
                count++;
            }

            return count;
        });
        return task.GetAwaiter().GetResult();
    }
}
