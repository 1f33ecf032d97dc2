using System.CommandLine;
using System.Globalization;

namespace Rung.Cli.Commands;

/// <summary><c>rung summary ack</c>: the owner acknowledges a daily summary.</summary>
internal static class SummaryCommands
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var agent = new Option<string>("--agent") { Description = "The agent", Required = true };
        var day = new Option<string>("--day") { Description = "The day the summary covers, yyyy-MM-dd", Required = true };
        var by = new Option<string>("--by") { Description = "Your user id", Required = true };
        var ack = new Command("ack", "Acknowledge the daily summary of an agent for one day (the go/no-go gate counts these days)") { data, agent, day, by };
        ack.SetAction(async (parse, cancellationToken) =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(day), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Console.Error.WriteLine($"--day must be a date like 2026-03-02; got '{parse.GetValue(day)}'.");
                return ExitCodes.BadInput;
            }

            await using var store = await CommonOptions.OpenExistingAsync(parse.GetValue(data)!, cancellationToken).ConfigureAwait(false);
            if (store is null)
            {
                return ExitCodes.BadInput;
            }

            try
            {
                var fresh = await store.AcknowledgeDailySummaryAsync(parse.GetValue(agent)!, date, parse.GetValue(by)!, TimeProvider.System.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                Console.WriteLine(fresh ? $"Acknowledged the summary of {date:yyyy-MM-dd}." : $"The summary of {date:yyyy-MM-dd} was already acknowledged.");
                return ExitCodes.Ok;
            }
            catch (KeyNotFoundException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return ExitCodes.BadInput;
            }
        });
        return new Command("summary", "The owner's daily summaries") { ack };
    }
}
