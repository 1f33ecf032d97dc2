using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Rung.Server;
using Rung.Server.Hosting;
using Rung.Server.Security;
using Rung.UseCases;

namespace Rung.Cli.Commands;

/// <summary><c>rung serve</c>: the web console over a data folder.</summary>
internal static class ServeCommand
{
    private const string UsersVariable = "RUNG_CONSOLE_USERS";

    public static Command Create()
    {
        var data = CommonOptions.Data();
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, separated by ';'", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var users = new Option<string[]>("--user") { Description = $"A console user as id:password:Role1,Role2 (repeatable; also read from {UsersVariable}, entries separated by ';')", AllowMultipleArgumentsPerToken = false };
        var useCases = new Option<FileInfo[]>("--usecase") { Description = "Use-case files of the agents, for their SLO lines, calendars and actions (repeatable)" };
        var command = new Command("serve", "Host the web console (portfolio, agents, approvals, exceptions, alarms) over a data folder's store") { data, urls, users, useCases };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(data)!;
            if (!File.Exists(CommonOptions.DatabasePath(folder)))
            {
                Console.Error.WriteLine($"No Rung database at {CommonOptions.DatabasePath(folder)}. Run `rung demo --data {folder.FullName}` or name another folder with --data.");
                return ExitCodes.BadInput;
            }

            var entries = (parse.GetValue(users) ?? []).Concat((Environment.GetEnvironmentVariable(UsersVariable) ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (entries.Count == 0)
            {
                Console.Error.WriteLine($"Name at least one console user with --user id:password:Role1,Role2 or {UsersVariable}. Roles: {string.Join(", ", ConsoleRoles.All)}.");
                return ExitCodes.BadInput;
            }

            InMemoryUserDirectory directory;
            List<Rung.Core.UseCases.UseCaseDefinition> definitions;
            try
            {
                directory = new InMemoryUserDirectory(entries.Select(InMemoryUserDirectory.Parse));
                definitions = [.. (parse.GetValue(useCases) ?? []).Select(f => UseCaseLoader.LoadFile(f.FullName).Definition)];
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or UseCaseFileException)
            {
                Console.Error.WriteLine(ex.Message);
                return ExitCodes.BadInput;
            }

            var options = new ConsoleOptions
            {
                DatabasePath = CommonOptions.DatabasePath(folder),
                Urls = parse.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                UseCases = definitions,
            };
            await using var app = await ConsoleApp.BuildAsync(options, directory, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Rung console at {string.Join(", ", app.Urls)} over {folder.FullName}. Ctrl+C stops it.");
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
