using System.Text;
using Google.Protobuf;
using Rung.Hardening.Tests.Fuzzing;
using Rung.Testing;
using Rung.Uns;
using Rung.Uns.Sparkplug;
using Rung.Uns.Sparkplug.Wire;

namespace Rung.Hardening.Tests.Parsers;

public sealed class SparkplugFuzzTests
{
    private const string Node = "spBv1.0/Plant/NBIRTH/Edge1";

    private static readonly string[] Topics =
    [
        "spBv1.0/Plant/NBIRTH/Edge1", "spBv1.0/Plant/NDATA/Edge1", "spBv1.0/Plant/DBIRTH/Edge1/Spindle",
        "spBv1.0/Plant/DDATA/Edge1/Spindle", "spBv1.0/Plant/DDEATH/Edge1/Spindle", "spBv1.0/Plant/NDEATH/Edge1",
        "spBv1.0/STATE/host1", "spBv1.0/Plant/NCMD/Edge1",
    ];

    [Fact]
    public void HandleAsync_MutatedAndRandomPayloads_ReturnsValuesOrNamedProblem()
    {
        var report = FuzzRunner.Run("sparkplug", FuzzBudget.For(5000), Corpus(), ["\u0000", "bdSeq", "Quality", "\u0001\u0080"], Handle, input => (8L * 1024 * 1024) + (32L * input.Length));

        Assert.True(report.Findings.Count == 0, report.ToString());
        Assert.True(report.Accepted > 0 && report.Refused > 0, report.ToString());
    }

    private static FuzzOutcome Handle(byte[] input)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        var host = new SparkplugHost(new NullPublisher(), clock);
        var born = host.HandleAsync(new UnsMessage(Node, Birth(), clock.GetUtcNow())).AsTask().GetAwaiter().GetResult();
        Assert.Null(born.Problem);
        host.HandleAsync(new UnsMessage(Topics[2], DeviceBirth(), clock.GetUtcNow())).AsTask().GetAwaiter().GetResult();

        // The first byte picks the topic; one input in eight is its own topic, to reach the topic parser too.
        var topic = input.Length == 0 ? Topics[1] : input[0] % 8 == 7 ? Encoding.UTF8.GetString(input) : Topics[input[0] % Topics.Length];
        ReadOnlyMemory<byte> payload = input.Length == 0 ? ReadOnlyMemory<byte>.Empty : input.AsMemory(1);
        var update = host.HandleAsync(new UnsMessage(topic, payload, clock.GetUtcNow())).AsTask().GetAwaiter().GetResult();
        if (update.Problem is null)
        {
            Assert.All(update.Values, v => Assert.True(v.Number is null || double.IsFinite(v.Number.Value), $"{v.Tag} has a non-finite value"));
            return FuzzOutcome.Accepted;
        }

        Assert.False(string.IsNullOrWhiteSpace(update.Problem));
        return FuzzOutcome.Refused;
    }

    private static List<byte[]> Corpus()
    {
        static byte[] With(int topic, byte[] payload) => [(byte)topic, .. payload];
        return
        [
            With(0, Birth()),
            With(1, Payload(1, Metric(null, 1, DataType.Double, m => m.DoubleValue = 3.5), Metric(null, 2, DataType.Int32, m => m.IntValue = unchecked((uint)-4)))),
            With(2, DeviceBirth()),
            With(3, Payload(2, Metric(null, 10, DataType.Float, m => m.FloatValue = 1.25f), Metric("Speed", null, DataType.String, m => m.StringValue = "fast"))),
            With(4, Payload(2)),
            With(5, Payload(null, Metric("bdSeq", null, DataType.Int64, m => m.LongValue = 3))),
            With(6, Encoding.UTF8.GetBytes("{\"online\": true, \"timestamp\": 1700000000000}")),
            With(1, Payload(1, Metric(null, 1, DataType.Double, m => m.IsNull = true), Metric(null, 3, DataType.Boolean, m => m.BooleanValue = true))),
        ];
    }

    private static byte[] Birth() => Payload(
        0,
        Metric("bdSeq", null, DataType.Int64, m => m.LongValue = 3),
        Metric("Temp", 1, DataType.Double, m => m.DoubleValue = 20),
        Metric("Count", 2, DataType.Int32, m => m.IntValue = 1),
        Metric("Run", 3, DataType.Boolean, m => m.BooleanValue = false));

    private static byte[] DeviceBirth() => Payload(
        1,
        Metric("Vibration", 10, DataType.Float, m => m.FloatValue = 0.5f),
        Metric("Speed", 11, DataType.String, m => m.StringValue = "slow"));

    private static byte[] Payload(ulong? seq, params Payload.Types.Metric[] metrics)
    {
        var p = new Payload { Timestamp = 1_700_000_000_000 };
        if (seq is { } s)
        {
            p.Seq = s;
        }

        p.Metrics.AddRange(metrics);
        return p.ToByteArray();
    }

    private static Payload.Types.Metric Metric(string? name, ulong? alias, DataType type, Action<Payload.Types.Metric> set)
    {
        var m = new Payload.Types.Metric { Datatype = (uint)type };
        if (name is not null)
        {
            m.Name = name;
        }

        if (alias is { } a)
        {
            m.Alias = a;
        }

        set(m);
        return m;
    }
}
