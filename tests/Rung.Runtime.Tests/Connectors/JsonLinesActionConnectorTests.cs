using System.Text;
using System.Text.Json;
using Rung.Core.Proposals;
using Rung.Runtime.Connectors;
using Rung.Storage.Journal;
using Rung.Testing;

namespace Rung.Runtime.Tests.Connectors;

public sealed class JsonLinesActionConnectorTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 8, 15, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly string _path;

    public JsonLinesActionConnectorTests()
    {
        _path = Path.Combine(_dir.Path, "actions", "line3-quality.jsonl");
    }

    public void Dispose() => _dir.Dispose();

    private static PendingAction Action(string caseId, string name = "scrap", string? target = null, double? value = null) =>
        new(caseId, "line3-quality", new ProposedAction(name, target, value), At);

    private string[] Lines()
    {
        var text = File.ReadAllText(_path);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return text[..^1].Split('\n');
    }

    private string[] CaseIds() => [.. Lines().Select(l => JsonDocument.Parse(l).RootElement.GetProperty("case_id").GetString()!)];

    [Fact]
    public async Task Deliver_WritesOneSnakeCaseLinePerAction_InOrder()
    {
        await using (var connector = await JsonLinesActionConnector.OpenAsync(_path))
        {
            await connector.DeliverAsync([Action("c1"), Action("c2", "reorder", "erp/plant1/mat-4711", 120.5)]);
            Assert.Equal(2, connector.DeliveredCount);
        }

        var lines = Lines();
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal(["case_id", "agent_id", "action", "target", "value", "committed_at"], first.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("c1", first.RootElement.GetProperty("case_id").GetString());
        Assert.Equal("line3-quality", first.RootElement.GetProperty("agent_id").GetString());
        Assert.Equal("scrap", first.RootElement.GetProperty("action").GetString());
        Assert.Equal(JsonValueKind.Null, first.RootElement.GetProperty("target").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.RootElement.GetProperty("value").ValueKind);
        Assert.Equal(At, first.RootElement.GetProperty("committed_at").GetDateTimeOffset());
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal("erp/plant1/mat-4711", second.RootElement.GetProperty("target").GetString());
        Assert.Equal(120.5, second.RootElement.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Deliver_SameCaseTwiceInOneBatch_WritesItOnce()
    {
        await using var connector = await JsonLinesActionConnector.OpenAsync(_path);

        await connector.DeliverAsync([Action("c1"), Action("c2"), Action("c1", "accept")]);

        Assert.Equal(["c1", "c2"], CaseIds());
        Assert.Equal("scrap", JsonDocument.Parse(Lines()[0]).RootElement.GetProperty("action").GetString());
        Assert.Equal(2, connector.DeliveredCount);
    }

    [Fact]
    public async Task Deliver_SameCaseInALaterBatch_WritesItOnce()
    {
        await using var connector = await JsonLinesActionConnector.OpenAsync(_path);

        await connector.DeliverAsync([Action("c1")]);
        await connector.DeliverAsync([Action("c1"), Action("c2")]);
        await connector.DeliverAsync([Action("c2")]);

        Assert.Equal(["c1", "c2"], CaseIds());
    }

    [Fact]
    public async Task Deliver_EmptyBatchOrOnlyDuplicates_LeavesFileUnchanged()
    {
        await using var connector = await JsonLinesActionConnector.OpenAsync(_path);
        await connector.DeliverAsync([Action("c1")]);
        var before = await File.ReadAllBytesAsync(_path);

        await connector.DeliverAsync([]);
        await connector.DeliverAsync([Action("c1")]);

        Assert.Equal(before, await File.ReadAllBytesAsync(_path));
    }

    [Fact]
    public async Task Open_AfterRestart_KnowsWhatWasDelivered()
    {
        await using (var first = await JsonLinesActionConnector.OpenAsync(_path))
        {
            await first.DeliverAsync([Action("c1"), Action("c2")]);
        }

        await using (var second = await JsonLinesActionConnector.OpenAsync(_path))
        {
            Assert.Equal(2, second.DeliveredCount);
            await second.DeliverAsync([Action("c2"), Action("c1"), Action("c3")]);
        }

        Assert.Equal(["c1", "c2", "c3"], CaseIds());
    }

    [Fact]
    public async Task Open_MissingFolderAndFile_CreatesThemEmpty()
    {
        await using var connector = await JsonLinesActionConnector.OpenAsync(_path);

        Assert.True(File.Exists(_path));
        Assert.Equal(0, new FileInfo(_path).Length);
        Assert.Equal(0, connector.DeliveredCount);
    }

    [Fact]
    public async Task Open_TornLastLine_IsCutAndItsCaseDeliveredExactlyOnce()
    {
        await using (var first = await JsonLinesActionConnector.OpenAsync(_path))
        {
            await first.DeliverAsync([Action("c1")]);
        }

        var complete = File.ReadAllText(_path);
        File.AppendAllText(_path, """{"case_id":"c2","agent_id":"line3-qu""");

        await using (var second = await JsonLinesActionConnector.OpenAsync(_path))
        {
            Assert.Equal(1, second.DeliveredCount);
            Assert.Equal(complete, File.ReadAllText(_path));
            await second.DeliverAsync([Action("c2")]);
            await second.DeliverAsync([Action("c2")]);
        }

        await using (var third = await JsonLinesActionConnector.OpenAsync(_path))
        {
            await third.DeliverAsync([Action("c1"), Action("c2")]);
        }

        Assert.Equal(["c1", "c2"], CaseIds());
    }

    [Fact]
    public async Task Open_CorruptCompleteLineInTheMiddle_IsKeptAndDoesNotBlockOtherCases()
    {
        var good1 = JsonSerializer.Serialize(new ActionLine("c1", "line3-quality", "scrap", null, null, At), ActionLineContext.Default.ActionLine);
        var good3 = JsonSerializer.Serialize(new ActionLine("c3", "line3-quality", "scrap", null, null, At), ActionLineContext.Default.ActionLine);
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        File.WriteAllText(_path, $"{good1}\n{{\"case_id\":\"c2\",garbage}}\n{good3}\n");

        await using (var connector = await JsonLinesActionConnector.OpenAsync(_path))
        {
            Assert.Equal(2, connector.DeliveredCount);
            await connector.DeliverAsync([Action("c1"), Action("c3"), Action("c4")]);
        }

        var lines = Lines();
        Assert.Equal(4, lines.Length);
        Assert.Equal("{\"case_id\":\"c2\",garbage}", lines[1]);
        Assert.Equal("c4", JsonDocument.Parse(lines[3]).RootElement.GetProperty("case_id").GetString());
    }

    [Fact]
    public async Task Deliver_EachDelivery_LeavesTheFileEndingWithANewline()
    {
        await using var connector = await JsonLinesActionConnector.OpenAsync(_path);

        for (var i = 0; i < 3; i++)
        {
            await connector.DeliverAsync([Action($"c{i}"), Action($"d{i}")]);
            var bytes = await File.ReadAllBytesAsync(_path);
            Assert.Equal((byte)'\n', bytes[^1]);
            Assert.Equal((i + 1) * 2, Encoding.UTF8.GetString(bytes).Count(c => c == '\n'));
        }
    }

    [Fact]
    public async Task Deliver_NonAsciiCaseIdAndTarget_RoundTripAfterRestart()
    {
        await using (var first = await JsonLinesActionConnector.OpenAsync(_path))
        {
            await first.DeliverAsync([Action("Prüfteil-ä\"1", target: "werk/straße")]);
        }

        await using (var second = await JsonLinesActionConnector.OpenAsync(_path))
        {
            await second.DeliverAsync([Action("Prüfteil-ä\"1")]);
            Assert.Equal(1, second.DeliveredCount);
        }

        Assert.Equal(["Prüfteil-ä\"1"], CaseIds());
    }

    [Fact]
    public async Task Deliver_Cancelled_Throws()
    {
        await using var connector = await JsonLinesActionConnector.OpenAsync(_path);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connector.DeliverAsync([Action("c1")], cts.Token).AsTask());
        await connector.DeliverAsync([Action("c1")]);

        Assert.Equal(["c1"], CaseIds());
    }
}
