using Rung.Runtime.Ingest;
using Rung.Testing;

namespace Rung.Runtime.Tests.Ingest;

public sealed class CaseFileReaderCsvTests : IDisposable
{
    private const string Header = "case_id,occurred_at,temp,vib";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Read_ValidFile_RoundTripsIdsUtcTimesNumbersMissingNaNAndLabels()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", """
            case_id,occurred_at,temp,vib,human_action
            c1,2026-03-02T08:15:00+01:00,51.2,4.1e-1,scrap
            c2,2026-03-02T07:00:00Z,,NaN,
            "c,3",2026-03-01T23:59:59.250-05:00,1e308,-3.5E+2,accept

            """);

        var rows = await CaseFiles.ReadAllAsync(path);

        Assert.Equal(["c1", "c2", "c,3"], rows.Select(r => r.Input.CaseId));
        Assert.Equal([2L, 3L, 4L], rows.Select(r => r.Line));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 7, 15, 0, TimeSpan.Zero), rows[0].Input.OccurredAt);
        Assert.All(rows, r => Assert.Equal(TimeSpan.Zero, r.Input.OccurredAt.Offset));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 4, 59, 59, 250, TimeSpan.Zero), rows[2].Input.OccurredAt);
        Assert.Equal(51.2, rows[0].Input.Values["temp"]);
        Assert.Equal(0.41, rows[0].Input.Values["vib"]);
        Assert.Null(rows[1].Input.Values["temp"]);
        Assert.True(double.IsNaN(rows[1].Input.Values["vib"]!.Value));
        Assert.Equal(1e308, rows[2].Input.Values["temp"]);
        Assert.Equal(-350, rows[2].Input.Values["vib"]);
        Assert.Equal(["scrap", null, "accept"], rows.Select(r => r.HumanAction));
        Assert.Equal(3, await CaseFiles.Reader().ValidateAsync(path));
    }

    [Fact]
    public async Task Validate_HumanActionTheUseCaseDoesNotDeclare_IsRefusedWithItsLine()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", $"{Header},human_action\nc1,2026-03-02T08:15:00Z,1,2,scrap\nc2,2026-03-02T08:16:00Z,1,2,scarp\n");
        var reader = new CaseFileReader(CaseFiles.Inputs, ["accept", "scrap"]);

        var ex = await Assert.ThrowsAsync<CaseFileException>(() => reader.ValidateAsync(path));

        Assert.Equal(3, ex.Line);
        Assert.Equal("human_action", ex.Field);
        Assert.Contains("'scarp' is not an action the use case declares", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_NoHumanActionColumn_LabelsAreNull()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", $"{Header}\nc1,2026-03-02T08:15:00Z,1,2\n");

        var row = Assert.Single(await CaseFiles.ReadAllAsync(path));

        Assert.Null(row.HumanAction);
        Assert.Equal(new Dictionary<string, double?> { ["temp"] = 1, ["vib"] = 2 }, row.Input.Values);
    }

    [Fact]
    public async Task Read_ColumnsInAnyOrderWithByteOrderMark_AreMatchedByName()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", "\uFEFFvib,case_id,temp,occurred_at\n2,c1,1,2026-03-02T08:15:00Z\n");

        var row = Assert.Single(await CaseFiles.ReadAllAsync(path));

        Assert.Equal("c1", row.Input.CaseId);
        Assert.Equal(1, row.Input.Values["temp"]);
        Assert.Equal(2, row.Input.Values["vib"]);
    }

    [Fact]
    public async Task Read_OutOfOrderTimestamps_AreAcceptedInFileOrder()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", $"""
            {Header}
            late,2026-03-05T10:00:00Z,1,1
            early,2026-03-01T10:00:00Z,1,1
            middle,2026-03-03T10:00:00Z,1,1
            """);

        var rows = await CaseFiles.ReadAllAsync(path);

        Assert.Equal(["late", "early", "middle"], rows.Select(r => r.Input.CaseId));
        Assert.True(rows[1].Input.OccurredAt < rows[0].Input.OccurredAt);
    }

    [Fact]
    public async Task Validate_HeaderOnly_IsValidWithZeroCases()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", Header + "\n");

        Assert.Equal(0, await CaseFiles.Reader().ValidateAsync(path));
        Assert.Empty(await CaseFiles.ReadAllAsync(path));
    }

    [Fact]
    public async Task Read_VeryLargeNumber_Parses()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", $"{Header}\nc1,2026-03-02T08:15:00Z,1.7976931348623157e308,-1e308\n");

        var row = Assert.Single(await CaseFiles.ReadAllAsync(path));

        Assert.Equal(double.MaxValue, row.Input.Values["temp"]);
        Assert.Equal(-1e308, row.Input.Values["vib"]);
    }

    [Fact]
    public async Task Read_NumberBeyondDoubleRange_BecomesInfinityForTheDataContractToFlag()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", $"{Header}\nc1,2026-03-02T08:15:00Z,1e999,-1e999\n");

        var row = Assert.Single(await CaseFiles.ReadAllAsync(path));

        Assert.Equal(double.PositiveInfinity, row.Input.Values["temp"]);
        Assert.Equal(double.NegativeInfinity, row.Input.Values["vib"]);
    }

    [Fact]
    public async Task Validate_UnknownColumn_NamesIt()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", $"{Header},colour\nc1,2026-03-02T08:15:00Z,1,2,red\n");

        var ex = await CaseFiles.RefusedAsync(path, 1, "colour");

        Assert.Contains("unknown column", ex.Message, StringComparison.Ordinal);
        Assert.Contains("temp, vib", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingInputColumn_NamesIt()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", "case_id,occurred_at,temp\nc1,2026-03-02T08:15:00Z,1\n");

        var ex = await CaseFiles.RefusedAsync(path, 1, "vib");

        Assert.Contains("missing from the header", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingCaseIdColumn_NamesIt()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", "occurred_at,temp,vib\n2026-03-02T08:15:00Z,1,2\n");

        await CaseFiles.RefusedAsync(path, 1, "case_id");
    }

    [Fact]
    public async Task Validate_DuplicateColumn_NamesIt()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", $"{Header},temp\nc1,2026-03-02T08:15:00Z,1,2,3\n");

        var ex = await CaseFiles.RefusedAsync(path, 1, "temp");

        Assert.Contains("appears twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_DuplicateCaseId_NamesSecondLineAndFirst()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", $"""
            {Header}
            c1,2026-03-02T08:15:00Z,1,2
            c2,2026-03-02T08:16:00Z,1,2
            c1,2026-03-02T08:17:00Z,1,2
            """);

        var ex = await CaseFiles.RefusedAsync(path, 4, "case_id");

        Assert.Contains("'c1'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Validate_MissingCaseId_NamesLineAndField(string id)
    {
        var path = CaseFiles.Write(_dir, "cases.csv", $"{Header}\nc1,2026-03-02T08:15:00Z,1,2\n{id},2026-03-02T08:15:00Z,1,2\n");

        var ex = await CaseFiles.RefusedAsync(path, 3, "case_id");

        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-02T08:15:00")]
    [InlineData("2026-03-02 08:15:00")]
    [InlineData("yesterday")]
    [InlineData("2026-02-30T08:15:00Z")]
    [InlineData("2026-03-02T25:15:00Z")]
    [InlineData("02/03/2026 08:15")]
    public async Task Validate_TimeWithoutOffsetOrUnparseable_NamesTheValue(string time)
    {
        var path = CaseFiles.Write(_dir, "cases.csv", $"{Header}\nc1,{time},1,2\n");

        var ex = await CaseFiles.RefusedAsync(path, 2, "occurred_at");

        Assert.Contains($"'{time}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("UTC offset", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingTime_NamesField()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", $"{Header}\nc1,,1,2\n");

        await CaseFiles.RefusedAsync(path, 2, "occurred_at");
    }

    [Fact]
    public async Task Validate_CommaDecimal_SaysToUseADot()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", $"{Header}\nc1,2026-03-02T08:15:00Z,\"12,5\",2\n");

        var ex = await CaseFiles.RefusedAsync(path, 2, "temp");

        Assert.Contains("'12,5' is not a number", ex.Message, StringComparison.Ordinal);
        Assert.Contains("dot", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hot")]
    [InlineData("1.2.3")]
    [InlineData("0x10")]
    [InlineData("1,000")]
    public async Task Validate_TextInNumberColumn_NamesValueAndColumn(string text)
    {
        var path = CaseFiles.Write(_dir, "cases.csv", $"{Header}\nc1,2026-03-02T08:15:00Z,1,\"{text}\"\n");

        var ex = await CaseFiles.RefusedAsync(path, 2, "vib");

        Assert.Contains($"'{text}' is not a number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_RowWithTooFewCells_NamesTheFirstMissingColumn()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", $"{Header}\nc1,2026-03-02T08:15:00Z,1,2\nc2,2026-03-02T08:15:00Z,1\n");

        var ex = await CaseFiles.RefusedAsync(path, 3, "vib");

        Assert.Contains("3 cells", ex.Message, StringComparison.Ordinal);
        Assert.Contains("4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_RowWithTooManyCells_NamesLine()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", $"{Header}\nc1,2026-03-02T08:15:00Z,1,2,9\n");

        var ex = await CaseFiles.RefusedAsync(path, 2, null);

        Assert.Contains("5 cells", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnterminatedQuote_NamesLineWhereItOpened()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", $"{Header}\nc1,2026-03-02T08:15:00Z,1,2\nc2,2026-03-02T08:15:00Z,\"1,2\nc3,2026-03-02T08:15:00Z,1,2\n");

        var ex = await CaseFiles.RefusedAsync(path, 3, "temp");

        Assert.Contains("quote opened at character 25 is not closed", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1\"x", "a quote inside an unquoted cell")]
    [InlineData("\"1\"x", "text after the closing quote")]
    public async Task Validate_StrayQuote_NamesLineAndColumn(string cell, string problem)
    {
        var path = CaseFiles.Write(_dir, "cases.csv", $"{Header}\nc1,2026-03-02T08:15:00Z,1,2\nc2,2026-03-02T08:15:00Z,{cell},2\n");

        var ex = await CaseFiles.RefusedAsync(path, 3, "temp");

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_QuotedCellsWithCommasAndDoubledQuotes_AreUnquoted()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", $"{Header},human_action\n\"part \"\"7\"\", lot 3\" , \"2026-03-02T08:15:00Z\",\" 1.5\",2,\"hold, then scrap\"\n");

        var row = Assert.Single(await CaseFiles.ReadAllAsync(path));

        Assert.Equal("part \"7\", lot 3", row.Input.CaseId);
        Assert.Equal(1.5, row.Input.Values["temp"]);
        Assert.Equal("hold, then scrap", row.HumanAction);
    }

    [Fact]
    public async Task Validate_SemicolonSeparatedFile_SaysToUseCommas()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", "case_id;occurred_at;temp;vib\nc1;2026-03-02T08:15:00Z;1,5;2\n");

        var ex = await CaseFiles.RefusedAsync(path, 1, null);

        Assert.Contains("no commas", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_BlankLinesAndCrLf_AreSkippedAndLinesCountedAsAnEditorShowsThem()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", $"{Header}\r\n\r\nc1,2026-03-02T08:15:00Z,1,2\r\n\r\nc2,2026-03-02T08:15:00Z,1,x\r\n");

        await CaseFiles.RefusedAsync(path, 5, "vib");
    }

    [Fact]
    public async Task Validate_EmptyFile_SaysAHeaderIsRequired()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", string.Empty);

        var ex = await CaseFiles.RefusedAsync(path, 1, null);

        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_FileCutInTheMiddleOfALine_NamesTheLastLine()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", $"{Header}\nc1,2026-03-02T08:15:00Z,1,2\nc2,2026-03-02T08:16:00Z,1,2\nc3,2026-03-02T0");

        await CaseFiles.RefusedAsync(path, 4, "temp");
    }

    [Fact]
    public async Task Validate_BinaryGarbage_SaysItIsNotText()
    {
        var path = CaseFiles.WriteBytes(_dir, "cases.csv", CaseFiles.Garbage(4096));

        var ex = await CaseFiles.RefusedAsync(path, 1, null);

        Assert.Contains("not a text file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_LineOverMaxLength_IsRefused()
    {
        var path = CaseFiles.Write(_dir, "cases.csv", $"{Header}\nc1,2026-03-02T08:15:00Z,1,{new string('9', CaseFileReader.MaxLineLength + 1)}\n");

        var ex = await CaseFiles.RefusedAsync(path, 2, null);

        Assert.Contains("longer than", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingFile_NamesTheFullPath()
    {
        var path = _dir.File("nowhere.csv");

        var ex = await CaseFiles.RefusedAsync(path, 0, null);

        Assert.Contains("file not found", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BadLineAfterManyGoodOnes_IsFoundAtItsLine()
    {
        var lines = Enumerable.Range(0, 1000).Select(i => $"c{i},2026-03-02T08:15:00Z,{i},1");
        var path = CaseFiles.Write(_dir, "cases.csv", $"{Header}\n{string.Join('\n', lines)}\nc1000,2026-03-02T08:15:00Z,hot,1\n");

        await CaseFiles.RefusedAsync(path, 1002, "temp");
    }
}
