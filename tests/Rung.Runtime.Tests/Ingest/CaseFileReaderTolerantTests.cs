using Rung.Runtime.Ingest;
using Rung.Testing;

namespace Rung.Runtime.Tests.Ingest;

public sealed class CaseFileReaderTolerantTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ReadTolerant_CsvWithPlantedDefects_SetsEachAsideWithItsLineAndColumnAndCountsAddUp()
    {
        var path = CaseFiles.Write(_dir, "history.csv", """
            case_id,occurred_at,temp,vib,human_action
            c1,2026-03-02T08:15:00Z,51.2,0.4,scrap
            c2,2026-03-02T08:16:00Z,51,2,0.4,keep
            c3,2026-03-02T08:17:00,50,0.3,keep
            c4,2026-03-02T08:18:00Z,hot,0.3,keep

            c5,2026-03-02T08:19:00Z,50,0.3,rework
            c1,2026-03-02T08:20:00Z,50,0.3,keep
            ,2026-03-02T08:21:00Z,50,0.3,keep
            c6,2026-03-02T08:22:00Z,"50,0.3,keep
            c7,2026-03-02T08:23:00Z,,0.3,
            """);
        var problems = new CaseFileProblems();

        var rows = await ReadAsync(new CaseFileReader(CaseFiles.Inputs, ["scrap", "keep"]), path, problems);

        Assert.Equal(["c1", "c7"], rows.Select(r => r.Input.CaseId));
        Assert.Equal(
            [(3L, null), (4L, "occurred_at"), (5L, "temp"), (7L, "human_action"), (8L, "case_id"), (9L, "case_id"), (10L, "temp")],
            problems.Rejected.Select(p => (p.Line, p.Field)));
        Assert.Contains("the row has 6 cells; the header has 5", problems.Rejected[0].Problem);
        Assert.Contains("'hot' is not a number", problems.Rejected[2].Problem);
        Assert.Contains("'rework' is not an action the use case declares", problems.Rejected[3].Problem);
        Assert.Contains("case id 'c1' appears twice (first at line 2)", problems.Rejected[4].Problem);
        Assert.Equal("history.csv:5 (temp): 'hot' is not a number (use a dot as the decimal separator and no thousands separator)", problems.Rejected[2].Message);
        Assert.Equal(9, problems.Rows);
        Assert.Equal(2, problems.Accepted);
        Assert.Empty(problems.Notes);
    }

    [Fact]
    public async Task ReadTolerant_MissingInputAndUnknownColumn_AreNotedAndTheFileIsRead()
    {
        var path = CaseFiles.Write(_dir, "history.csv", """
            case_id,occurred_at,temp,operator
            c1,2026-03-02T08:15:00Z,51.2,anna
            """);
        var problems = new CaseFileProblems();

        var rows = await ReadAsync(CaseFiles.Reader(), path, problems);

        var row = Assert.Single(rows);
        Assert.Equal(51.2, row.Input.Values["temp"]);
        Assert.False(row.Input.Values.ContainsKey("vib"));
        Assert.False(row.Input.Values.ContainsKey("operator"));
        Assert.Equal([(1L, "operator"), (1L, "vib")], problems.Notes.Select(n => (n.Line, n.Field!)));
        Assert.Contains("the column was ignored", problems.Notes[0].Problem);
        Assert.Contains("missing in every case", problems.Notes[1].Problem);
    }

    [Fact]
    public async Task ReadTolerant_HeaderWithoutOccurredAt_IsStillRefused()
    {
        var path = CaseFiles.Write(_dir, "history.csv", "case_id,temp,vib\nc1,1,2\n");

        var ex = await Assert.ThrowsAsync<CaseFileException>(() => ReadAsync(CaseFiles.Reader(), path, new CaseFileProblems()));

        Assert.Equal("occurred_at", ex.Field);
    }

    [Fact]
    public async Task ReadTolerant_JsonLinesWithBadLines_SetsThemAside()
    {
        var path = CaseFiles.Write(_dir, "history.jsonl", """
            {"case_id":"c1","occurred_at":"2026-03-02T08:15:00Z","values":{"temp":1,"vib":2}}
            {"case_id":"c2","occurred_at":"2026-03-02T08:16:00Z","values":{"temp":true,"vib":2}}
            {"case_id":"c3","occurred_at":"2026-03-02T08:17:00Z","values":{"temp":1
            {"case_id":"c4","occurred_at":"2026-03-02T08:18:00Z","values":{"temp":1,"vib":2}}
            """);
        var problems = new CaseFileProblems();

        var rows = await ReadAsync(CaseFiles.Reader(), path, problems);

        Assert.Equal(["c1", "c4"], rows.Select(r => r.Input.CaseId));
        Assert.Equal([(2L, "values.temp"), (3L, null)], problems.Rejected.Select(p => (p.Line, p.Field)));
        Assert.Equal(4, problems.Rows);
    }

    [Fact]
    public async Task ReadTolerant_BinaryLineAfterHeader_IsSetAside()
    {
        var bytes = "case_id,occurred_at,temp,vib\nc1,2026-03-02T08:15:00Z,1,2\n"u8.ToArray()
            .Concat(CaseFiles.Garbage(20).Where(b => b != (byte)'\n'))
            .Concat("\nc2,2026-03-02T08:16:00Z,1,2\n"u8.ToArray())
            .ToArray();
        var path = CaseFiles.WriteBytes(_dir, "history.csv", bytes);
        var problems = new CaseFileProblems();

        var rows = await ReadAsync(CaseFiles.Reader(), path, problems);

        Assert.Equal(["c1", "c2"], rows.Select(r => r.Input.CaseId));
        var rejected = Assert.Single(problems.Rejected);
        Assert.Equal(3, rejected.Line);
        Assert.Contains("not a text file", rejected.Problem);
    }

    private static async Task<List<CaseRow>> ReadAsync(CaseFileReader reader, string path, CaseFileProblems problems)
    {
        var rows = new List<CaseRow>();
        await foreach (var row in reader.ReadTolerantAsync(path, problems))
        {
            rows.Add(row);
        }

        return rows;
    }
}
