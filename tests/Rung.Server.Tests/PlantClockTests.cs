using Microsoft.Extensions.DependencyInjection;
using Rung.Server.Data;
using Rung.Server.Hosting;
using Rung.Storage;
using Rung.Testing;

namespace Rung.Server.Tests;

/// <summary>Business time (exception SLAs) is read on the plant's clock, while sessions keep the app's clock.</summary>
public sealed class PlantClockTests
{
    [Fact]
    public async Task OpenExceptions_SlaCountsOnThePlantClock_NotTheAppClock()
    {
        using var folder = new TempDirectory();
        // A Monday morning months before the real clock: counted on the real clock the item would be long overdue.
        var plant = new ManualTimeProvider(new DateTimeOffset(2025, 3, 3, 8, 0, 0, TimeSpan.Zero));
        var options = new ConsoleOptions { DatabasePath = folder.File("rung.db"), Urls = ["http://127.0.0.1:0"], PlantClock = plant };
        await using var app = await ConsoleApp.BuildAsync(options, TimeProvider.System);
        await SeedData.WriteAsync(app.Services.GetRequiredService<IRungStore>(), plant.GetUtcNow());
        var data = app.Services.GetRequiredService<ConsoleData>();

        var row = Assert.Single(await data.GetOpenExceptionsAsync());
        Assert.True(row.BusinessTimeLeft > TimeSpan.Zero, $"due {row.Item.DueAt:O}, left {row.BusinessTimeLeft}");
        Assert.True(row.BusinessTimeLeft <= TimeSpan.FromHours(4));

        plant.Advance(TimeSpan.FromDays(2));
        Assert.True(Assert.Single(await data.GetOpenExceptionsAsync()).BusinessTimeLeft < TimeSpan.Zero);
        Assert.Same(plant, data.PlantTime);
    }
}
