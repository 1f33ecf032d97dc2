using Microsoft.Data.Sqlite;
using Rung.Testing;

namespace Rung.Cli.Tests;

/// <summary>`rung user` and `rung audit` run as the real command on a real data folder.</summary>
public sealed class UserAuditCommandTests
{
    private const string Password = "Line3 quality lead!";

    [Fact]
    public async Task UserLifecycle_IsAudited_AndVerifies()
    {
        using var dir = new TempDirectory();
        var env = PasswordVariable();
        await OkAsync("user", "add", "quinn", "--name", "Quinn Example", "--roles", "Quality,Owner", "--zones", "acme/dortmund/machining/line3", "--password-env", env, "--by", "admin", "--data", dir.Path);
        await OkAsync("user", "set-roles", "quinn", "--roles", "Quality", "--reason", "owner role moved to the line lead", "--by", "admin", "--data", dir.Path);
        await OkAsync("user", "deactivate", "quinn", "--reason", "left the site", "--by", "admin", "--data", dir.Path);

        var list = await OkAsync("user", "list", "--data", dir.Path);
        Assert.Contains("quinn", list, StringComparison.Ordinal);
        Assert.Contains("deactivated", list, StringComparison.Ordinal);

        var (code, _, stderr) = await RungProcess.RunAsync("user", "add", "quinn", "--name", "Someone Else", "--roles", "Operator", "--password-env", env, "--data", dir.Path);
        Assert.Equal(2, code);
        Assert.Contains("never reused", stderr, StringComparison.Ordinal);

        var verify = await OkAsync("audit", "verify", "--data", dir.Path);
        Assert.Contains("Audit trail verified: 3 entries", verify, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir.Path, "audit-checkpoints.jsonl")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir.Path, "keys", "audit-signing.key")));
        }
    }

    [Fact]
    public async Task AuditVerify_TamperedEntry_ExitsOneAndNamesIt()
    {
        using var dir = new TempDirectory();
        var env = PasswordVariable();
        await OkAsync("user", "add", "otto", "--name", "Otto Example", "--roles", "Operator", "--password-env", env, "--by", "admin", "--data", dir.Path);
        await OkAsync("user", "set-roles", "otto", "--roles", "Operator,Approver", "--reason", "trained", "--by", "admin", "--data", dir.Path);
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(dir.Path, "rung.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER audit_entries_no_update; UPDATE audit_entries SET actor = 'someone-else' WHERE seq = 1;";
            await command.ExecuteNonQueryAsync();
        }

        var (code, stdout, _) = await RungProcess.RunAsync("audit", "verify", "--data", dir.Path);
        Assert.Equal(1, code);
        Assert.Contains("Entry 1 (create of user 'otto') was changed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenCreate_PrintsTokenOnce_AndRevokeWorks()
    {
        using var dir = new TempDirectory();
        await OkAsync("user", "add", "ada", "--name", "Ada Admin", "--roles", "Admin", "--password-env", PasswordVariable(), "--data", dir.Path);
        var created = await OkAsync("user", "token", "create", "line3-edge", "--roles", "Operator", "--zones", "acme/dortmund/machining/line3", "--by", "ada", "--data", dir.Path);
        var token = created.Split('\n').Single(l => l.StartsWith("rung_", StringComparison.Ordinal));
        var tokenId = created.Split(' ')[1];
        Assert.StartsWith("tok_", tokenId, StringComparison.Ordinal);

        var list = await OkAsync("user", "list", "--data", dir.Path);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);
        Assert.Contains("revoked", await OkAsync("user", "token", "revoke", tokenId, "--reason", "box replaced", "--by", "ada", "--data", dir.Path), StringComparison.Ordinal);
        Assert.Contains("revoked", await OkAsync("user", "list", "--data", dir.Path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserAdd_NoPasswordSource_ExitsTwo_AndPasswordArgumentDoesNotExist()
    {
        using var dir = new TempDirectory();
        var (code, _, stderr) = await RungProcess.RunAsync("user", "add", "x1", "--name", "X", "--roles", "Operator", "--password-env", "RUNG_TEST_UNSET_" + Guid.NewGuid().ToString("N"), "--data", dir.Path);
        Assert.Equal(2, code);
        Assert.Contains("never taken as arguments", stderr, StringComparison.Ordinal);

        (code, _, _) = await RungProcess.RunAsync("user", "add", "x1", "--name", "X", "--roles", "Operator", "--password", Password, "--data", dir.Path);
        Assert.Equal(2, code);
    }

    [Fact]
    public async Task AuditExport_CsvFilteredByPerson_CarriesVerification()
    {
        using var dir = new TempDirectory();
        var env = PasswordVariable();
        await OkAsync("user", "add", "u1", "--name", "User One", "--roles", "Operator", "--password-env", env, "--by", "ada", "--data", dir.Path);
        await OkAsync("user", "add", "u2", "--name", "User Two", "--roles", "Auditor", "--password-env", env, "--by", "bob", "--data", dir.Path);
        var file = dir.File("audit.csv");
        await OkAsync("audit", "export", "--format", "csv", "--out", file, "--person", "bob", "--data", dir.Path);
        var lines = await File.ReadAllLinesAsync(file);
        Assert.StartsWith("verification,valid", lines[0], StringComparison.Ordinal);
        var row = Assert.Single(lines.Skip(2));
        Assert.Contains(",bob,user,u2,create,", row, StringComparison.Ordinal);
    }

    private static string PasswordVariable()
    {
        // A variable of its own per test: the child inherits it, and nothing shows in the process list.
        var name = "RUNG_TEST_PASSWORD_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, Password);
        return name;
    }

    private static async Task<string> OkAsync(params string[] args)
    {
        var (code, stdout, stderr) = await RungProcess.RunAsync(args);
        Assert.True(code == 0, $"rung {string.Join(' ', args)} exited {code}: {stderr}");
        return stdout;
    }
}
