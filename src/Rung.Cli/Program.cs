using System.CommandLine;
using Rung.Cli.Commands;
using Spectre.Console;

// The `rung` command: each subcommand lives in Commands/ and says what it does in its help text.
var root = new RootCommand("Rung walks a plant's AI pilot up the trust ladder (Shadow, ApproveEach, AutoWithExceptions, ProductionOwned) on live data, only as fast as measured evidence allows.")
{
    DemoCommand.Create(),
    UseCaseCommands.Create(),
    ReplayCommand.Create(),
    StatusCommand.Create(),
    AgentCommands.Create(),
    AlarmCommands.Create(),
    SummaryCommands.Create(),
    UserCommands.Create(),
    AuditCommands.Create(),
    ServeCommand.Create(),
    ModelCommands.Create(),
    GateCommands.Create(),
    TagsCommands.Create(),
    ContractCommands.Create(),
    EdgeCommands.Create(),
};
// Redirected output (a file, a pipe, a CI log) has no width of its own; keep table rows on one line.
if (!AnsiConsole.Profile.Capabilities.Interactive)
{
    AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 150);
}

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // Bad usage is exit code 2, as for every Rung command; the parser's own default is 1.
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine(error.Message);
    }

    Console.Error.WriteLine("See `rung --help` or `rung COMMAND --help`.");
    return ExitCodes.BadInput;
}

return await parse.InvokeAsync().ConfigureAwait(false);
