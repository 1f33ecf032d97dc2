using Rung.Testing;
using Rung.Uns.Sparkplug;
using Rung.Uns.Sparkplug.Wire;
using static Rung.Uns.Tests.Sparkplug.Payloads;

namespace Rung.Uns.Tests.Sparkplug;

public sealed class SparkplugHostTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
    private readonly RecordingPublisher publisher = new();
    private readonly ManualTimeProvider time = new(T0);
    private readonly SparkplugHost host;

    public SparkplugHostTests()
    {
        host = new SparkplugHost(publisher, time);
    }

    private ValueTask<SparkplugUpdate> Send(string topic, byte[] payload) =>
        host.HandleAsync(new UnsMessage(topic, payload, time.GetUtcNow()), CancellationToken.None);

    private Task<SparkplugUpdate> Birth(long bdSeq = 0, ulong seq = 0) => Send(
        "spBv1.0/Plant/NBIRTH/Edge1",
        Build(seq, BdSeq(bdSeq),
            Metric(SparkplugCommands.RebirthMetric, null, DataType.Boolean, m => m.BooleanValue = false),
            Metric("Temperature", 1, DataType.Float, m => m.FloatValue = 21.5f),
            Metric("Offset", 2, DataType.Int8, m => m.IntValue = unchecked((uint)-5)))).AsTask();

    [Fact]
    public async Task HandleAsync_ConformantBirthFromProtoc_DecodesMetricsAndSeqZero()
    {
        // NBIRTH produced by protoc 3.21.12 from the Sparkplug schema: bdSeq 0, Rebirth false, Temperature alias 1 = 21.5, seq 0.
        var bytes = Convert.FromHexString("0880d095ffbc3112120a0562645365711880d095ffbc312004580012210a144e6f646520436f6e74726f6c2f526562697274681880d095ffbc31200b7000121d0a0b54656d706572617475726510011880d095ffbc312009650000ac411800");
        var update = await Send("spBv1.0/Plant/NBIRTH/Edge1", bytes);

        Assert.True(update.Applied, update.Problem);
        var temperature = Assert.Single(update.Values, v => v.Tag == "spBv1.0/Plant/Edge1/Temperature");
        Assert.Equal(21.5, temperature.Number);
        Assert.Equal(T0, temperature.Timestamp);

        // The following NDATA from protoc: alias 1 only, float 22.0, seq 1.
        var data = await Send("spBv1.0/Plant/NDATA/Edge1", Convert.FromHexString("08e8d795ffbc31120e100118e8d795ffbc31650000b0411801"));
        var resolved = Assert.Single(data.Values);
        Assert.Equal(("spBv1.0/Plant/Edge1/Temperature", 22.0), (resolved.Tag, resolved.Number));
        Assert.Empty(publisher.Sent);
    }

    [Fact]
    public async Task HandleAsync_DataWithAliases_ResolvesNamesAndSignExtendsInt8()
    {
        await Birth();
        var update = await Send("spBv1.0/Plant/NDATA/Edge1", Build(1,
            Metric(null, 1, DataType.Unknown, m => m.FloatValue = 23.25f),
            Metric(null, 2, DataType.Unknown, m => m.IntValue = unchecked((uint)-7))));

        Assert.True(update.Applied, update.Problem);
        Assert.Equal(23.25, update.Values.Single(v => v.Tag.EndsWith("/Temperature", StringComparison.Ordinal)).Number);
        Assert.Equal(-7, update.Values.Single(v => v.Tag.EndsWith("/Offset", StringComparison.Ordinal)).Number);
    }

    [Fact]
    public async Task HandleAsync_SeqGap_SendsExactlyOneCorrectRebirthRequest()
    {
        await Birth();
        var gap = await Send("spBv1.0/Plant/NDATA/Edge1", Build(3, Metric(null, 1, DataType.Unknown, m => m.FloatValue = 30f)));
        var more = await Send("spBv1.0/Plant/NDATA/Edge1", Build(4, Metric(null, 1, DataType.Unknown, m => m.FloatValue = 31f)));

        Assert.True(gap.RebirthRequested);
        Assert.Contains("seq gap: expected 1, got 3", gap.Problem, StringComparison.Ordinal);
        Assert.Empty(gap.Values);
        Assert.False(more.RebirthRequested);
        Assert.Empty(more.Values);
        var sent = Assert.Single(publisher.Sent);
        Assert.Equal(("spBv1.0/Plant/NCMD/Edge1", 0, false), (sent.Topic, sent.Qos, sent.Retain));

        // timestamp, then one metric: name "Node Control/Rebirth", timestamp, datatype 11 (Boolean), boolean true; no alias, no seq.
        var expected = "0880d095ffbc31" + "1221" + "0a14" + Convert.ToHexString("Node Control/Rebirth"u8) + "1880d095ffbc31" + "200b" + "7001";
        Assert.Equal(expected, Convert.ToHexString(sent.Payload), ignoreCase: true);
    }

    [Fact]
    public async Task HandleAsync_NoBirthsAfterRetryInterval_AsksAgainOnce()
    {
        await Birth();
        await Send("spBv1.0/Plant/NDATA/Edge1", Build(9));
        time.Advance(TimeSpan.FromSeconds(31));
        var again = await Send("spBv1.0/Plant/NDATA/Edge1", Build(10));
        Assert.True(again.RebirthRequested);
        Assert.Equal(2, publisher.Sent.Count);

        var reborn = await Birth(seq: 0);
        Assert.True(reborn.Applied, reborn.Problem);
        var data = await Send("spBv1.0/Plant/NDATA/Edge1", Build(1, Metric(null, 1, DataType.Unknown, m => m.FloatValue = 1f)));
        Assert.True(data.Applied, data.Problem);
    }

    [Fact]
    public async Task HandleAsync_UnknownAliasOrDataBeforeBirth_RequestsRebirthWithoutGuessing()
    {
        var early = await Send("spBv1.0/Plant/NDATA/Edge2", Build(0, Metric(null, 1, DataType.Unknown, m => m.FloatValue = 1f)));
        Assert.True(early.RebirthRequested);
        Assert.Contains("before the node's NBIRTH", early.Problem, StringComparison.Ordinal);

        await Birth();
        var unknown = await Send("spBv1.0/Plant/NDATA/Edge1", Build(1, Metric(null, 1, DataType.Unknown, m => m.FloatValue = 1f), Metric(null, 99, DataType.Unknown, m => m.FloatValue = 2f)));
        Assert.True(unknown.RebirthRequested);
        Assert.Contains("unknown alias 99", unknown.Problem, StringComparison.Ordinal);
        Assert.Empty(unknown.Values);
        Assert.Equal(["spBv1.0/Plant/NCMD/Edge2", "spBv1.0/Plant/NCMD/Edge1"], publisher.Sent.Select(s => s.Topic));
    }

    [Fact]
    public async Task HandleAsync_SeqWrapsFrom255ToZero()
    {
        await Birth(seq: 254);
        var a = await Send("spBv1.0/Plant/NDATA/Edge1", Build(255, Metric(null, 1, DataType.Unknown, m => m.FloatValue = 1f)));
        var b = await Send("spBv1.0/Plant/NDATA/Edge1", Build(0, Metric(null, 1, DataType.Unknown, m => m.FloatValue = 2f)));
        Assert.True(a.Applied && b.Applied, a.Problem ?? b.Problem);
        Assert.Empty(publisher.Sent);
    }

    [Fact]
    public async Task HandleAsync_DeathWithMatchingBdSeq_MarksNodeAndDeviceMetricsStale()
    {
        await Birth(bdSeq: 4);
        await Send("spBv1.0/Plant/DBIRTH/Edge1/Spindle", Build(1, Metric("Speed", 10, DataType.Double, m => m.DoubleValue = 1200)));

        var deviceDeath = await Send("spBv1.0/Plant/DDEATH/Edge1/Spindle", Build(2));
        Assert.Equal(["spBv1.0/Plant/Edge1/Spindle/Speed"], deviceDeath.Values.Select(v => v.Tag));
        Assert.All(deviceDeath.Values, v => Assert.Equal(TagQuality.Stale, v.Quality));

        var oldWill = await Send("spBv1.0/Plant/NDEATH/Edge1", Build(null, BdSeq(3)));
        Assert.False(oldWill.Applied);
        Assert.Empty(oldWill.Values);

        var death = await Send("spBv1.0/Plant/NDEATH/Edge1", Build(null, BdSeq(4)));
        Assert.True(death.Applied, death.Problem);
        Assert.Contains(death.Values, v => v.Tag == "spBv1.0/Plant/Edge1/Temperature" && v.Quality == TagQuality.Stale && v.Number is null);
        Assert.Empty(publisher.Sent);
    }

    [Fact]
    public async Task HandleAsync_BirthWithoutBdSeq_RequestsRebirth()
    {
        var update = await Send("spBv1.0/Plant/NBIRTH/Edge1", Build(0, Metric("Temperature", 1, DataType.Float, m => m.FloatValue = 1f)));
        Assert.True(update.RebirthRequested);
        Assert.Contains("bdSeq", update.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spBv1.0/Plant/NDATA/Edge1", "ff ff ff ff", "not a Sparkplug B payload")]
    [InlineData("spBv1.0/Plant/NDATA/Edge1", "0a 05 41", "not a Sparkplug B payload")]
    [InlineData("spBv1.0/Plant/NOPE/Edge1", "", "unknown Sparkplug message type 'NOPE'")]
    [InlineData("spBv1.0/Plant/DDATA/Edge1", "", "DDATA needs a device id")]
    [InlineData("spBv1.0/STATE/host1", "7b 7d", "a STATE payload is a JSON object")]
    [InlineData("spBv1.0/STATE/host1", "", "the payload is empty")]
    public async Task HandleAsync_Garbage_IsRefusedWithTopicAndReason(string topic, string hex, string reason)
    {
        var update = await Send(topic, Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)));
        Assert.False(update.Applied);
        Assert.StartsWith(topic + ": ", update.Problem, StringComparison.Ordinal);
        Assert.Contains(reason, update.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_RandomBytes_NeverThrow()
    {
        var random = new Random(7);
        await Birth();
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 40)];
            random.NextBytes(bytes);
            var update = await Send("spBv1.0/Plant/NDATA/Edge1", bytes);
            Assert.NotNull(update);
        }
    }

    [Fact]
    public async Task HandleAsync_State_ParsesOnlineAndTimestamp()
    {
        var update = await Send("spBv1.0/STATE/scada", """{"online":true,"timestamp":1700000000000}"""u8.ToArray());
        Assert.Equal(new SparkplugHostState("scada", true, T0), update.HostState);
    }
}
