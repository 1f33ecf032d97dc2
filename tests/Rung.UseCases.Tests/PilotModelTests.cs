using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Rung.UseCases.Tests;

/// <summary>The machining sample's pilot script answers the JSON-lines protocol with the sample's actions.</summary>
public sealed class PilotModelTests
{
    [Fact]
    public async Task PilotModel_AnswersEachRequestWithADeclaredActionOrAnError()
    {
        var file = UseCaseLoader.LoadFile(RepoPaths.Sample("machining-quality"));
        var model = file.Definition.Agent.Model;
        var declared = file.Definition.Agent.Actions.Select(a => a.Name).ToHashSet();
        var start = new ProcessStartInfo(model.Command)
        {
            WorkingDirectory = Path.GetDirectoryName(file.SourcePath)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in model.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var process = Process.Start(start)!;
        string[] requests =
        [
            """{"id": 1, "features": {"spindle_speed": 12000, "feed_rate": 1700, "spindle_temp": 46, "vibration_rms": 2.9, "spindle_torque": 30, "tool_wear": 150, "ambient_temp": 21}}""",
            """{"id": 2, "features": {"spindle_speed": 14000, "feed_rate": 2400, "spindle_temp": 62, "vibration_rms": 6.5, "spindle_torque": 45, "tool_wear": 420}}""",
            """{"id": 3, "features": {"spindle_speed": 12000, "feed_rate": 1700, "spindle_temp": 46, "vibration_rms": 22, "spindle_torque": 30, "tool_wear": 150, "ambient_temp": 21}}""",
            """{"id": 4, "features": {"spindle_speed": 12000}}""",
        ];
        var answers = new List<JsonObject>();
        foreach (var request in requests)
        {
            await process.StandardInput.WriteLineAsync(request.AsMemory(), timeout.Token);
            await process.StandardInput.FlushAsync(timeout.Token);
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            answers.Add(JsonNode.Parse(line!)!.AsObject());
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal([1, 2, 3, 4], answers.Select(a => a["id"]!.GetValue<int>()));
        Assert.Equal("accept", answers[0]["action"]!.GetValue<string>());
        Assert.Equal("scrap", answers[1]["action"]!.GetValue<string>());
        Assert.Equal("stop_line", answers[2]["action"]!.GetValue<string>());
        Assert.True(answers[2]["ood"]!.GetValue<bool>());
        Assert.Contains("missing feature", answers[3]["error"]!.GetValue<string>(), StringComparison.Ordinal);
        foreach (var answer in answers.Take(3))
        {
            Assert.Contains(answer["action"]!.GetValue<string>(), declared);
            Assert.InRange(answer["confidence"]!.GetValue<double>(), 0, 1);
            Assert.NotEmpty(answer["explanation"]!.AsArray());
        }

        Assert.Equal(0, process.ExitCode);
    }
}
