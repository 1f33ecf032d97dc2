using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Rung.Server;
using Rung.Server.Hosting;
using Rung.Storage;
using Rung.UseCases;

namespace Rung.Cli.Commands;

/// <summary>
/// <c>rung serve</c>: the web console over a data folder. People sign in as the users stored in the folder
/// (<c>rung user add</c>); the audit chain is checkpointed every five minutes and at shutdown.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, separated by ';'", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var useCases = new Option<FileInfo[]>("--usecase") { Description = "Use-case files of the agents, for their SLO lines, calendars and actions (repeatable)" };
        var store = new Option<string?>("--store")
        {
            Description = "The store: a SQLite file, a postgres://user@host:port/db URI or a Host=...;Database=... connection string (default: $RUNG_STORE, else DIR/rung.db)",
        };
        var sweep = new Option<int>("--alarm-sweep-seconds")
        {
            Description = "How often open alarms are checked for escalation, with or without traffic; one instance of several sweeps (default 60)",
            DefaultValueFactory = _ => 60,
        };
        var command = new Command("serve", "Host the web console (portfolio, agents, approvals, exceptions, alarms, audit) over a data folder's store; users come from `rung user add`") { data, urls, useCases, store, sweep };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(data)!;
            if (parse.GetValue(sweep) < 1)
            {
                Console.Error.WriteLine($"--alarm-sweep-seconds must be at least 1, not {parse.GetValue(sweep)}.");
                return ExitCodes.BadInput;
            }

            var storeName = RungStoreFactory.Resolve(parse.GetValue(store), Environment.GetEnvironmentVariable(RungStoreFactory.EnvironmentVariable), folder.FullName);
            var postgres = RungStoreFactory.IsPostgres(storeName);
            if (!postgres && !File.Exists(storeName))
            {
                Console.Error.WriteLine($"No Rung database at {storeName}. Run `rung demo --data {folder.FullName}` or name another folder with --data.");
                return ExitCodes.BadInput;
            }

            if (!postgres && Path.GetFullPath(storeName) != Path.GetFullPath(CommonOptions.DatabasePath(folder)))
            {
                Console.Error.WriteLine($"A SQLite store is the rung.db of its data folder; use --data {Path.GetDirectoryName(Path.GetFullPath(storeName))} instead of --store {storeName}.");
                return ExitCodes.BadInput;
            }

            IRungDataStore opened;
            try
            {
                opened = await RungStoreFactory.OpenAsync(storeName, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ArgumentException or System.Data.Common.DbException or System.Net.Sockets.SocketException or TimeoutException)
            {
                Console.Error.WriteLine($"Cannot open the store {RungStoreFactory.Describe(storeName)}: {ex.Message}");
                return ExitCodes.BadInput;
            }

            await using (opened)
            {
                if (!(await opened.GetUsersAsync(cancellationToken).ConfigureAwait(false)).Any(u => u.Active))
                {
                    Console.Error.WriteLine($"No active users in {RungStoreFactory.Describe(storeName)}: nobody could sign in. Create one first, e.g. `rung user add ada --data {folder.FullName} --name \"Ada Lovelace\" --roles Approver --zones acme/site/line3 --password-stdin`.");
                    return ExitCodes.BadInput;
                }
            }

            if (await ConduitChecks.ServeAsync(folder, broker: null, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            List<Rung.Core.UseCases.UseCaseDefinition> definitions;
            try
            {
                definitions = [.. (parse.GetValue(useCases) ?? []).Select(f => UseCaseLoader.LoadFile(f.FullName).Definition)];
            }
            catch (UseCaseFileException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return ExitCodes.BadInput;
            }

            var options = new ConsoleOptions
            {
                DatabasePath = CommonOptions.DatabasePath(folder),
                Store = postgres ? storeName : null,
                Urls = parse.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                UseCases = definitions,
                AlarmSweepInterval = TimeSpan.FromSeconds(parse.GetValue(sweep)),
            };
            await using var app = await ConsoleApp.BuildAsync(options, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Rung console at {string.Join(", ", app.Urls)} over {(postgres ? RungStoreFactory.Describe(storeName) : folder.FullName)}. Ctrl+C stops it.");
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
