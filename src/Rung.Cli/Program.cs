using System.CommandLine;
using Rung.Cli.Commands;

// The `rung` command: each subcommand lives in Commands/ and says what it does in its help text.
var root = new RootCommand("Rung walks a plant's AI pilot up the trust ladder (Shadow, ApproveEach, AutoWithExceptions, ProductionOwned) on live data, only as fast as measured evidence allows.")
{
    DemoCommand.Create(),
    UseCaseCommands.Create(),
    ReplayCommand.Create(),
    StatusCommand.Create(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
