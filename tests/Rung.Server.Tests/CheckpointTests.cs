using Microsoft.Extensions.DependencyInjection;
using Rung.Governance;
using Rung.Governance.Identity;
using Rung.Server.Hosting;
using Rung.Storage.Audit;
using Rung.Testing;

namespace Rung.Server.Tests;

/// <summary>The console signs the head of the audit chain when it stops.</summary>
public sealed class CheckpointTests
{
    [Fact]
    public async Task Stopping_TheConsole_CheckpointsTheHeadOfTheChain_InTheDatabaseAndTheFile()
    {
        using var folder = new TempDirectory();
        var options = new ConsoleOptions { DatabasePath = folder.File("rung.db"), Urls = ["http://127.0.0.1:0"] };
        await using var app = await ConsoleApp.BuildAsync(options, TimeProvider.System);
        await app.Services.GetRequiredService<IdentityService>().AddUserAsync("ada", "Ada", [Role.Operator], ["acme/line3"], TestUsers.Password, "system");
        await app.StartAsync();
        var audit = app.Services.GetRequiredService<IAuditStore>();
        Assert.Empty(await audit.GetAuditCheckpointsAsync());
        var head = await audit.GetAuditHeadAsync();
        await app.StopAsync();

        var checkpoint = Assert.Single(await audit.GetAuditCheckpointsAsync());
        Assert.Equal(head!.Sequence, checkpoint.Sequence);
        Assert.Equal(head.Hash, checkpoint.Hash);
        Assert.Contains(head.Hash, await File.ReadAllTextAsync(GovernancePaths.CheckpointFile(folder.Path)), StringComparison.Ordinal);
    }
}
