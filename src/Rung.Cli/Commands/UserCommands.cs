using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Rung.Cli.Commands;

/// <summary><c>rung user</c>: accounts and machine tokens. Every change is audited; passwords never appear as arguments.</summary>
internal static class UserCommands
{
    public static Command Create()
    {
        var command = new Command("user", "Manage user accounts (ids are never reused: deactivate, never delete) and machine tokens");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Deactivate());
        command.Subcommands.Add(SetRoles());
        command.Subcommands.Add(ResetPassword());
        var token = new Command("token", "Create or revoke zone-scoped API tokens for machines");
        token.Subcommands.Add(TokenCreate());
        token.Subcommands.Add(TokenRevoke());
        command.Subcommands.Add(token);
        return command;
    }

    private static Command Add()
    {
        var (data, store, by, stdin, env) = (CommonOptions.Data(), GovernanceCli.Store(), GovernanceCli.By(), GovernanceCli.PasswordStdin(), GovernanceCli.PasswordEnv());
        var id = new Argument<string>("USER") { Description = "The new user id (permanent)" };
        var name = new Option<string>("--name") { Description = "Printed name, shown with the person's signatures", Required = true };
        var roles = GovernanceCli.Roles(required: true);
        var zones = GovernanceCli.ZonesOption();
        var command = new Command("add", "Add a user with roles, zones and an initial password") { id, data, store, name, roles, zones, by, stdin, env };
        command.SetAction((parse, ct) => GovernanceCli.RunAsync(async () =>
        {
            var roleList = GovernanceCli.ParseRoles(parse.GetValue(roles));
            var password = await GovernanceCli.ReadPasswordAsync(parse.GetValue(stdin), parse.GetValue(env), ct).ConfigureAwait(false);
            if (password is null)
            {
                return ExitCodes.BadInput;
            }

            await using var opened = await GovernanceCli.OpenStoreAsync(parse.GetValue(data)!, parse.GetValue(store), create: true, ct).ConfigureAwait(false);
            if (opened is null)
            {
                return ExitCodes.BadInput;
            }

            await GovernanceCli.Identity(opened).AddUserAsync(
                parse.GetValue(id)!, parse.GetValue(name)!, roleList, GovernanceCli.Split(parse.GetValue(zones)), password, parse.GetValue(by)!, ct).ConfigureAwait(false);
            await GovernanceCli.CheckpointAsync(opened, parse.GetValue(data)!, ct).ConfigureAwait(false);
            Console.WriteLine($"User {parse.GetValue(id)} added.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List()
    {
        var (data, store) = (CommonOptions.Data(), GovernanceCli.Store());
        var command = new Command("list", "List users (deactivated ones too) and tokens") { data, store };
        command.SetAction((parse, ct) => GovernanceCli.RunAsync(async () =>
        {
            await using var opened = await GovernanceCli.OpenStoreAsync(parse.GetValue(data)!, parse.GetValue(store), create: false, ct).ConfigureAwait(false);
            if (opened is null)
            {
                return ExitCodes.BadInput;
            }

            var users = new Table { Title = new TableTitle("users") };
            users.AddColumns("user", "printed name", "roles", "zones", "state", "password set (UTC)");
            foreach (var u in await opened.GetUsersAsync(ct).ConfigureAwait(false))
            {
                var state = !u.Active ? "deactivated" : u.LockedAt is not null ? "locked" : u.MustChangePassword ? "must change password" : "active";
                users.AddRow(Markup.Escape(u.UserId), Markup.Escape(u.PrintedName), string.Join(",", u.Roles), Markup.Escape(string.Join(",", u.Zones)), state,
                    u.PasswordChangedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            }

            var tokens = new Table { Title = new TableTitle("tokens") };
            tokens.AddColumns("token", "name", "roles", "zones", "created by", "state");
            foreach (var t in await opened.GetTokensAsync(ct).ConfigureAwait(false))
            {
                tokens.AddRow(Markup.Escape(t.TokenId), Markup.Escape(t.Name), string.Join(",", t.Roles), Markup.Escape(string.Join(",", t.Zones)), Markup.Escape(t.CreatedBy),
                    t.RevokedAt is null ? "valid" : "revoked");
            }

            AnsiConsole.Write(users);
            AnsiConsole.Write(tokens);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Deactivate()
    {
        var (data, store, by, reason) = (CommonOptions.Data(), GovernanceCli.Store(), GovernanceCli.By(), GovernanceCli.Reason());
        var id = new Argument<string>("USER") { Description = "The user to deactivate" };
        var command = new Command("deactivate", "Deactivate a user; the id stays taken") { id, data, store, by, reason };
        command.SetAction((parse, ct) => WriteAsync(parse.GetValue(data)!, parse.GetValue(store), async opened =>
        {
            await GovernanceCli.Identity(opened).DeactivateAsync(parse.GetValue(id)!, parse.GetValue(by)!, parse.GetValue(reason)!, ct).ConfigureAwait(false);
            return $"User {parse.GetValue(id)} deactivated.";
        }, ct));
        return command;
    }

    private static Command SetRoles()
    {
        var (data, store, by, reason) = (CommonOptions.Data(), GovernanceCli.Store(), GovernanceCli.By(), GovernanceCli.Reason());
        var id = new Argument<string>("USER") { Description = "The user" };
        var roles = GovernanceCli.Roles(required: true);
        var zones = GovernanceCli.ZonesOption();
        var command = new Command("set-roles", "Replace a user's roles (and zones when --zones is given)") { id, data, store, roles, zones, by, reason };
        command.SetAction((parse, ct) => WriteAsync(parse.GetValue(data)!, parse.GetValue(store), async opened =>
        {
            var zoneText = parse.GetValue(zones);
            await GovernanceCli.Identity(opened).SetRolesAsync(
                parse.GetValue(id)!, GovernanceCli.ParseRoles(parse.GetValue(roles)), zoneText is null ? null : GovernanceCli.Split(zoneText),
                parse.GetValue(by)!, parse.GetValue(reason)!, ct).ConfigureAwait(false);
            return $"Roles of {parse.GetValue(id)} set.";
        }, ct));
        return command;
    }

    private static Command ResetPassword()
    {
        var (data, store, by, reason, stdin, env) = (CommonOptions.Data(), GovernanceCli.Store(), GovernanceCli.By(), GovernanceCli.Reason(), GovernanceCli.PasswordStdin(), GovernanceCli.PasswordEnv());
        var id = new Argument<string>("USER") { Description = "The user" };
        var command = new Command("reset-password", "Set a one-time password (the user must change it) and unlock the account") { id, data, store, by, reason, stdin, env };
        command.SetAction((parse, ct) => GovernanceCli.RunAsync(async () =>
        {
            var password = await GovernanceCli.ReadPasswordAsync(parse.GetValue(stdin), parse.GetValue(env), ct).ConfigureAwait(false);
            if (password is null)
            {
                return ExitCodes.BadInput;
            }

            return await WriteAsync(parse.GetValue(data)!, parse.GetValue(store), async opened =>
            {
                await GovernanceCli.Identity(opened).ResetPasswordAsync(parse.GetValue(id)!, password, parse.GetValue(by)!, parse.GetValue(reason)!, ct).ConfigureAwait(false);
                return $"Password of {parse.GetValue(id)} reset; it must be changed at the next sign-in.";
            }, ct).ConfigureAwait(false);
        }));
        return command;
    }

    private static Command TokenCreate()
    {
        var (data, store, by) = (CommonOptions.Data(), GovernanceCli.Store(), GovernanceCli.By());
        var name = new Argument<string>("NAME") { Description = "What the token is for, e.g. line3-edge" };
        var roles = GovernanceCli.Roles(required: true);
        var zones = new Option<string>("--zones") { Description = "Comma-separated scope prefixes the token may act on", Required = true };
        var command = new Command("create", "Create a token; it is printed once and only its SHA-256 is kept") { name, data, store, roles, zones, by };
        command.SetAction((parse, ct) => WriteAsync(parse.GetValue(data)!, parse.GetValue(store), async opened =>
        {
            var created = await GovernanceCli.Identity(opened).CreateTokenAsync(
                parse.GetValue(name)!, GovernanceCli.ParseRoles(parse.GetValue(roles)), GovernanceCli.Split(parse.GetValue(zones)), parse.GetValue(by)!, ct).ConfigureAwait(false);
            return $"Token {created.TokenId} created. Copy it now, it is not shown again:\n{created.Token}";
        }, ct));
        return command;
    }

    private static Command TokenRevoke()
    {
        var (data, store, by, reason) = (CommonOptions.Data(), GovernanceCli.Store(), GovernanceCli.By(), GovernanceCli.Reason());
        var id = new Argument<string>("TOKEN") { Description = "The token id (tok_...)" };
        var command = new Command("revoke", "Revoke a token at once") { id, data, store, by, reason };
        command.SetAction((parse, ct) => WriteAsync(parse.GetValue(data)!, parse.GetValue(store), async opened =>
            await GovernanceCli.Identity(opened).RevokeTokenAsync(parse.GetValue(id)!, parse.GetValue(by)!, parse.GetValue(reason)!, ct).ConfigureAwait(false)
                ? $"Token {parse.GetValue(id)} revoked."
                : $"Token {parse.GetValue(id)} was already revoked.", ct));
        return command;
    }

    private static Task<int> WriteAsync(DirectoryInfo data, string? store, Func<Rung.Storage.IRungDataStore, Task<string>> work, CancellationToken ct) =>
        GovernanceCli.RunAsync(async () =>
        {
            await using var opened = await GovernanceCli.OpenStoreAsync(data, store, create: false, ct).ConfigureAwait(false);
            if (opened is null)
            {
                return ExitCodes.BadInput;
            }

            var message = await work(opened).ConfigureAwait(false);
            await GovernanceCli.CheckpointAsync(opened, data, ct).ConfigureAwait(false);
            Console.WriteLine(message);
            return ExitCodes.Ok;
        });
}
