using Rung.Runtime.Ingest;
using Rung.Testing;

namespace Rung.Runtime.Tests.Ingest;

public sealed class CaseFileReaderJsonLinesTests : IDisposable
{
    private const string Good = """{"case_id":"c1","occurred_at":"2026-03-02T08:15:00Z","values":{"temp":1,"vib":2}}""";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Read_ValidFile_RoundTripsIdsUtcTimesNumbersMissingNaNAndLabels()
    {
        var path = CaseFiles.Write(_dir, "cases.jsonl", """
            {"case_id":"c1","occurred_at":"2026-03-02T08:15:00+01:00","values":{"temp":51.2,"vib":"NaN"},"human_action":"scrap"}

            {"case_id":"c2","occurred_at":"2026-03-02T07:00:00Z","values":{"temp":null,"vib":1.5e2}}
            {"human_action":null,"values":{"temp":1e308,"vib":"-3.5E+2"},"occurred_at":"2026-03-01T23:59:59.250-05:00","case_id":"c3"}
            {"case_id":"c4","occurred_at":"2026-03-02T07:00:00Z","values":{"temp":""}}
            """);

        var rows = await CaseFiles.ReadAllAsync(path);

        Assert.Equal(["c1", "c2", "c3", "c4"], rows.Select(r => r.Input.CaseId));
        Assert.Equal([1L, 3L, 4L, 5L], rows.Select(r => r.Line));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 7, 15, 0, TimeSpan.Zero), rows[0].Input.OccurredAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 4, 59, 59, 250, TimeSpan.Zero), rows[2].Input.OccurredAt);
        Assert.All(rows, r => Assert.Equal(TimeSpan.Zero, r.Input.OccurredAt.Offset));
        Assert.Equal(51.2, rows[0].Input.Values["temp"]);
        Assert.True(double.IsNaN(rows[0].Input.Values["vib"]!.Value));
        Assert.Null(rows[1].Input.Values["temp"]);
        Assert.Equal(150, rows[1].Input.Values["vib"]);
        Assert.Equal(1e308, rows[2].Input.Values["temp"]);
        Assert.Equal(-350, rows[2].Input.Values["vib"]);
        Assert.Null(rows[3].Input.Values["temp"]);
        // An input left out of "values" is missing, exactly like a null: the data contract flags it.
        Assert.False(rows[3].Input.Values.ContainsKey("vib"));
        Assert.Equal(["scrap", null, null, null], rows.Select(r => r.HumanAction));
    }

    [Fact]
    public async Task Read_OutOfOrderTimestamps_AreAcceptedInFileOrder()
    {
        var path = CaseFiles.Write(_dir, "cases.ndjson", """
            {"case_id":"late","occurred_at":"2026-03-05T10:00:00Z","values":{}}
            {"case_id":"early","occurred_at":"2026-03-01T10:00:00Z","values":{}}
            """);

        var rows = await CaseFiles.ReadAllAsync(path);

        Assert.Equal(["late", "early"], rows.Select(r => r.Input.CaseId));
        Assert.True(rows[1].Input.OccurredAt < rows[0].Input.OccurredAt);
    }

    [Fact]
    public async Task Read_NumberBeyondDoubleRange_BecomesInfinityForTheDataContractToFlag()
    {
        var path = CaseFiles.Write(_dir, "cases.jsonl", """{"case_id":"c1","occurred_at":"2026-03-02T08:15:00Z","values":{"temp":1e999,"vib":-1e999}}""");

        var row = Assert.Single(await CaseFiles.ReadAllAsync(path));

        Assert.Equal(double.PositiveInfinity, row.Input.Values["temp"]);
        Assert.Equal(double.NegativeInfinity, row.Input.Values["vib"]);
    }

    [Fact]
    public async Task Validate_DuplicateCaseId_NamesSecondLineAndFirst()
    {
        var path = CaseFiles.Write(_dir, "cases.jsonl", $"{Good}\n{Good.Replace("c1", "c2", StringComparison.Ordinal)}\n{Good}\n");

        var ex = await CaseFiles.RefusedAsync(path, 3, "case_id");

        Assert.Contains("line 1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"c1\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task Validate_LineNotAnObject_SaysSo(string line)
    {
        var path = CaseFiles.Write(_dir, "cases.jsonl", $"{Good}\n{line}\n");

        var ex = await CaseFiles.RefusedAsync(path, 2, null);

        Assert.Contains("must be a JSON object", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownField_NamesIt()
    {
        var path = CaseFiles.Write(_dir, "cases.jsonl", """{"case_id":"c1","occurred_at":"2026-03-02T08:15:00Z","values":{},"colour":"red"}""");

        var ex = await CaseFiles.RefusedAsync(path, 1, "colour");

        Assert.Contains("unknown field", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_DuplicateField_NamesIt()
    {
        var path = CaseFiles.Write(_dir, "cases.jsonl", """{"case_id":"c1","case_id":"c2","occurred_at":"2026-03-02T08:15:00Z","values":{}}""");

        var ex = await CaseFiles.RefusedAsync(path, 1, "case_id");

        Assert.Contains("appears twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_DuplicateInputInValues_NamesIt()
    {
        var path = CaseFiles.Write(_dir, "cases.jsonl", """{"case_id":"c1","occurred_at":"2026-03-02T08:15:00Z","values":{"temp":1,"temp":2}}""");

        var ex = await CaseFiles.RefusedAsync(path, 1, "values.temp");

        Assert.Contains("appears twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownInputInValues_NamesItAndTheDeclaredInputs()
    {
        var path = CaseFiles.Write(_dir, "cases.jsonl", """{"case_id":"c1","occurred_at":"2026-03-02T08:15:00Z","values":{"temp":1,"colour":2}}""");

        var ex = await CaseFiles.RefusedAsync(path, 1, "values.colour");

        Assert.Contains("unknown input", ex.Message, StringComparison.Ordinal);
        Assert.Contains("temp, vib", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"v\":1}")]
    [InlineData("[1]")]
    [InlineData("true")]
    [InlineData("false")]
    public async Task Validate_ValueNotANumber_NamesTheInput(string value)
    {
        var path = CaseFiles.Write(_dir, "cases.jsonl", $$$"""{"case_id":"c1","occurred_at":"2026-03-02T08:15:00Z","values":{"temp":1,"vib":{{{value}}}}}""");

        var ex = await CaseFiles.RefusedAsync(path, 1, "values.vib");

        Assert.Contains("must be a number or null", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"12,5\"")]
    [InlineData("\"hot\"")]
    public async Task Validate_StringThatIsNotANumber_NamesTheInput(string value)
    {
        var path = CaseFiles.Write(_dir, "cases.jsonl", $$$"""{"case_id":"c1","occurred_at":"2026-03-02T08:15:00Z","values":{"temp":{{{value}}}}}""");

        var ex = await CaseFiles.RefusedAsync(path, 1, "values.temp");

        Assert.Contains("is not a number", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("1")]
    [InlineData("null")]
    public async Task Validate_ValuesNotAnObject_SaysSo(string value)
    {
        var path = CaseFiles.Write(_dir, "cases.jsonl", $$"""{"case_id":"c1","occurred_at":"2026-03-02T08:15:00Z","values":{{value}}}""");

        var ex = await CaseFiles.RefusedAsync(path, 1, "values");

        Assert.Contains("must be an object", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingValues_NamesField()
    {
        var path = CaseFiles.Write(_dir, "cases.jsonl", """{"case_id":"c1","occurred_at":"2026-03-02T08:15:00Z"}""");

        await CaseFiles.RefusedAsync(path, 1, "values");
    }

    [Theory]
    [InlineData("""{"occurred_at":"2026-03-02T08:15:00Z","values":{}}""", "case_id", "missing")]
    [InlineData("""{"case_id":"","occurred_at":"2026-03-02T08:15:00Z","values":{}}""", "case_id", "missing")]
    [InlineData("""{"case_id":7,"occurred_at":"2026-03-02T08:15:00Z","values":{}}""", "case_id", "must be a string")]
    [InlineData("""{"case_id":"c1","values":{}}""", "occurred_at", "missing")]
    [InlineData("""{"case_id":"c1","occurred_at":"2026-03-02T08:15:00","values":{}}""", "occurred_at", "UTC offset")]
    [InlineData("""{"case_id":"c1","occurred_at":"soon","values":{}}""", "occurred_at", "UTC offset")]
    [InlineData("""{"case_id":"c1","occurred_at":1772439300,"values":{}}""", "occurred_at", "must be a string")]
    [InlineData("""{"case_id":"c1","occurred_at":"2026-03-02T08:15:00Z","values":{},"human_action":1}""", "human_action", "must be a string")]
    public async Task Validate_BadCaseIdTimeOrLabel_NamesField(string line, string field, string problem)
    {
        var path = CaseFiles.Write(_dir, "cases.jsonl", $"{Good}\n{line}\n");

        var ex = await CaseFiles.RefusedAsync(path, 2, field);

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_FileCutInTheMiddleOfALine_NamesTheLastLine()
    {
        var path = CaseFiles.Write(_dir, "cases.jsonl", $"{Good}\n{Good.Replace("c1", "c2", StringComparison.Ordinal)}\n{{\"case_id\":\"c3\",\"occurred_at\":\"2026-03-");

        var ex = await CaseFiles.RefusedAsync(path, 3, null);

        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BinaryGarbage_IsRefusedAtTheFirstLine()
    {
        var path = CaseFiles.WriteBytes(_dir, "cases.jsonl", CaseFiles.Garbage(4096));

        var ex = await CaseFiles.RefusedAsync(path, 1, null);

        Assert.Contains("not a text file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_EmptyFile_IsRefused()
    {
        var path = CaseFiles.Write(_dir, "cases.jsonl", "\n\n");

        var ex = await CaseFiles.RefusedAsync(path, 0, null);

        Assert.Contains("no cases", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_LineOverMaxLength_IsRefused()
    {
        var huge = $$$"""{"case_id":"c2","occurred_at":"2026-03-02T08:15:00Z","values":{"temp":1{{{new string('0', CaseFileReader.MaxLineLength)}}}}}""";
        var path = CaseFiles.Write(_dir, "cases.jsonl", $"{Good}\n{huge}\n");

        var ex = await CaseFiles.RefusedAsync(path, 2, null);

        Assert.Contains($"longer than {CaseFileReader.MaxLineLength}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_BlankHumanAction_IsNoLabelAsInCsv()
    {
        var path = CaseFiles.Write(_dir, "cases.jsonl", """{"case_id":"c1","occurred_at":"2026-03-02T08:15:00Z","values":{},"human_action":" "}""");

        var row = Assert.Single(await CaseFiles.ReadAllAsync(path));

        Assert.Null(row.HumanAction);
    }

    [Fact]
    public async Task Validate_FolderInsteadOfFile_SaysSo()
    {
        var path = Directory.CreateDirectory(_dir.File("history.jsonl")).FullName;

        var ex = await CaseFiles.RefusedAsync(path, 0, null);

        Assert.Contains("is a folder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingFile_NamesTheFullPath()
    {
        var path = _dir.File("nowhere.jsonl");

        var ex = await CaseFiles.RefusedAsync(path, 0, null);

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }
}
