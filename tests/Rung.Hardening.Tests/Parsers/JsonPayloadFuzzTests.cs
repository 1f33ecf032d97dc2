using System.Text;
using Rung.Core.UseCases;
using Rung.Hardening.Tests.Fuzzing;
using Rung.Uns;
using Rung.Uns.Contracts;
using Rung.Uns.Json;

namespace Rung.Hardening.Tests.Parsers;

public sealed class JsonPayloadFuzzTests
{
    private const string Line = "acme/plant1/machining/line3";
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private static readonly string[] Topics =
    [
        $"{Line}/cell2/spindle/temp", $"{Line}/cell2/feed", $"{Line}/cell2/part_done", $"{Line}/qc/result", $"{Line}/mes/work_order",
    ];

    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e999", "-1e999", "NaN", "\"value\":", "\"timestamp\":", "\"quality\":",
        "\"part_id\":", "9223372036854775807", "-0", "\\u0000", "\\ud800", "\"2026-01-05T08:00:00Z\"", "\"9999-12-31T23:59:59-14:00\"",
    ];

    [Fact]
    public void Decode_MutatedAndRandomPayloads_ReturnsTagValueOrNamedError()
    {
        var report = FuzzRunner.Run("json-tag", FuzzBudget.For(5000), Corpus(), Tokens, Decode, input => (2L * 1024 * 1024) + (16L * input.Length));

        Assert.True(report.Findings.Count == 0, report.ToString());
        Assert.True(report.Accepted > 0 && report.Refused > 0, report.ToString());
    }

    [Fact]
    public void Accept_MutatedAndRandomPayloads_AssemblesOrRefusesWithTopic()
    {
        var report = FuzzRunner.Run("json-mapper", FuzzBudget.For(5000), Corpus(), Tokens, Assemble, input => (2L * 1024 * 1024) + (16L * input.Length));

        Assert.True(report.Findings.Count == 0, report.ToString());
        Assert.True(report.Accepted > 0 && report.Refused > 0, report.ToString());
    }

    private static FuzzOutcome Decode(byte[] input)
    {
        try
        {
            var value = JsonTagDecoder.Decode(new UnsMessage(Topics[0], input, T0), JsonPayloadFormat.Default);
            Assert.True(value.Number is null || double.IsFinite(value.Number.Value), "a non-finite number was accepted");
            return FuzzOutcome.Accepted;
        }
        catch (UnsPayloadException e)
        {
            Assert.StartsWith(Topics[0] + ": ", e.Message, StringComparison.Ordinal);
            return FuzzOutcome.Refused;
        }
    }

    private static FuzzOutcome Assemble(byte[] input)
    {
        var assembler = new UnsCaseAssembler($"{Line}/cell2", Inputs(), Contract());
        assembler.Accept(new UnsMessage(Topics[0], Encoding.UTF8.GetBytes("{\"value\": 200, \"timestamp\": 1767600000000}"), T0));
        var topic = Topics[input.Length == 0 ? 0 : input[^1] % Topics.Length];
        var result = assembler.Accept(new UnsMessage(topic, input, T0.AddSeconds(1)));
        if (result.Problem is null)
        {
            return FuzzOutcome.Accepted;
        }

        Assert.Contains(topic, result.Problem, StringComparison.Ordinal);
        return FuzzOutcome.Refused;
    }

    private static InputDefinition[] Inputs() =>
    [
        new("spindle_temp", "degC", 0, 150),
        new("feed", "mm/min", 0, 5000),
    ];

    private static UnsContractDefinition Contract() => new(
        [
            new UnsTagDefinition("spindle_temp", $"{Line}/cell2/spindle/temp", "degF", TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)),
            new UnsTagDefinition("feed", $"{Line}/cell2/feed", "in/min", TimeSpan.FromSeconds(30)),
        ],
        $"{Line}/cell2/part_done",
        "part_id",
        new UnsOutcomeDefinition($"{Line}/qc/result", "part_id", "verdict"),
        [new UnsContextDefinition("work_order", $"{Line}/mes/work_order")]);

    private static List<byte[]> Corpus() =>
    [
        .. new[]
        {
            "{\"value\": 212.5, \"timestamp\": 1767600000000, \"quality\": \"good\"}",
            "{\"value\": 10, \"timestamp\": \"2026-01-05T08:00:00Z\", \"quality\": 192}",
            "{\"part_id\": \"P1\", \"timestamp\": 1767600005000}",
            "{\"part_id\": \"P1\", \"verdict\": \"scrap\", \"timestamp\": 1767600009000}",
            "{\"value\": \"WO-7\", \"timestamp\": 1767600000000}",
            "21.5", "true", "\"text\"", "null", "{\"value\": null, \"quality\": false}",
        }.Select(Encoding.UTF8.GetBytes),
    ];
}
