using System.CommandLine;
using Rung.Cli.Demo;

namespace Rung.Cli.Commands;

/// <summary><c>rung demo</c>: the ladder climbed on a simulated line, on embedded defaults.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var seed = new Option<long>("--seed") { Description = "Seed for the line, its people and the pilot model; the same seed gives the same run", DefaultValueFactory = _ => 7 };
        var days = new Option<int>("--days") { Description = "Simulated days of live production (with seed 7 the gates pass for ApproveEach on day 15 and AutoWithExceptions on day 36)", DefaultValueFactory = _ => 90 };
        var speed = new Option<double>("--speed") { Description = "Simulated days per second; 0 runs as fast as the machine allows", DefaultValueFactory = _ => 1.5 };
        var data = CommonOptions.Data();
        var broker = new Option<string?>("--broker") { Description = "Run the line through a real MQTT broker, mqtt://HOST[:PORT]: parts are published as namespace tags and Rung reads them from there" };
        var consolePort = new Option<int>("--console-port") { Description = "Loopback port of the web console served while the demo runs (another free port when busy); 0 serves no console", DefaultValueFactory = _ => 5080 };
        var command = new Command("demo", "Climb the trust ladder on a simulated CNC machining line: trains a pilot model on the line's history, runs it live with simulated people, climbing a rung only when its go/no-go gate passes and the owner signs, and shows the automatic demotion, retraining and signed release when the bar-stock supplier changes late in the run")
        {
            seed, days, speed, data, consolePort, broker,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new DemoSettings(parse.GetValue(seed), parse.GetValue(days), parse.GetValue(speed), parse.GetValue(data)!, parse.GetValue(broker));
            if (settings.Days is < 1 or > 3650)
            {
                Console.Error.WriteLine($"--days must be between 1 and 3650; got {settings.Days}.");
                return ExitCodes.BadInput;
            }

            if (!double.IsFinite(settings.DaysPerSecond) || settings.DaysPerSecond < 0)
            {
                Console.Error.WriteLine($"--speed must be a number of simulated days per second, 0 or more; got {settings.DaysPerSecond}.");
                return ExitCodes.BadInput;
            }

            if (settings.Broker is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                Console.Error.WriteLine($"--broker must be a URL such as mqtt://127.0.0.1:1883; got '{url}'.");
                return ExitCodes.BadInput;
            }

            await DemoConsole.RunAsync(settings, parse.GetValue(consolePort) is > 0 and var port ? port : null, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
