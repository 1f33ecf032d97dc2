using System.Diagnostics;
using System.Net;
using Rung.Governance.Identity;
using Rung.Storage.Sqlite;
using Rung.Testing;

namespace Rung.Server.Tests;

/// <summary>The real <c>rung serve</c> process.</summary>
public sealed class ServeCommandTests
{
    // A guard against a hung child, not a performance assertion.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Serve_OnASeededFolder_PrintsItsAddressAndServesTheSignInPage()
    {
        using var folder = new TempDirectory();
        await using (var store = await SqliteRungStore.OpenAsync(folder.File("rung.db"), TimeProvider.System))
        {
            await store.MigrateAsync();
            await SeedData.WriteAsync(store, TimeProvider.System.GetUtcNow());
            await Identity(store).AddUserAsync("ada", "Ada", [Role.Approver], ["acme"], TestUsers.Password, "system");
        }

        using var process = Start("serve", "--data", folder.Path, "--urls", "http://127.0.0.1:0");
        try
        {
            using var guard = new CancellationTokenSource(HangGuard);
            string? line;
            do
            {
                line = await process.StandardOutput.ReadLineAsync(guard.Token);
            }
            while (line is not null && !line.StartsWith("Rung console at ", StringComparison.Ordinal));

            Assert.NotNull(line);
            var address = line["Rung console at ".Length..].Split(' ')[0];
            Assert.Matches(@"^http://127\.0\.0\.1:\d+$", address);
            Assert.DoesNotContain(":0", address[^2..], StringComparison.Ordinal);
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            using var response = await http.GetAsync(new Uri("/signin", UriKind.Relative), guard.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Sign in", await response.Content.ReadAsStringAsync(guard.Token), StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Serve_WithoutDatabase_OrWithoutStoredUsers_ExitsTwoSayingWhy_AndTheOldUserOptionIsGone()
    {
        using var folder = new TempDirectory();
        var (code, stderr) = await RunAsync("serve", "--data", folder.Path);
        Assert.Equal(2, code);
        Assert.Contains("No Rung database", stderr, StringComparison.Ordinal);

        await using (var store = await SqliteRungStore.OpenAsync(folder.File("rung.db"), TimeProvider.System))
        {
            await store.MigrateAsync();
        }

        (code, stderr) = await RunAsync("serve", "--data", folder.Path);
        Assert.Equal(2, code);
        Assert.Contains("rung user add", stderr, StringComparison.Ordinal);
        (code, _) = await RunAsync("serve", "--data", folder.Path, "--user", "ada:pw:Approver");
        Assert.NotEqual(0, code);
    }

    private static IdentityService Identity(SqliteRungStore store) =>
        new(store, store, new StoreSecurityAlarms(store, "security"), new IdentityOptions(), TimeProvider.System);

    private static async Task<(int Code, string Stderr)> RunAsync(params string[] args)
    {
        using var process = Start(args);
        using var guard = new CancellationTokenSource(HangGuard);
        var stderr = process.StandardError.ReadToEndAsync(guard.Token);
        _ = await process.StandardOutput.ReadToEndAsync(guard.Token);
        await process.WaitForExitAsync(guard.Token);
        return (process.ExitCode, await stderr);
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rung.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }
}
