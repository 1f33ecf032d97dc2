using System.CommandLine;
using System.Globalization;
using Rung.Registry;
using Rung.Registry.Shadow;
using Spectre.Console;

namespace Rung.Cli.Commands;

/// <summary><c>rung model compare --live</c>: the challenger beside the champion on live cases, computed now from the stored shadow rows.</summary>
internal static class ModelLiveCompare
{
    public static Option<bool> LiveOption() => new("--live") { Description = "Compare on the live cases the version answered in shadow beside the champion (agreement, accuracy against labels so far, slices, high-severity disagreements, latency)" };

    public static Option<int> MinimumShadowCasesOption() => new("--min-shadow-cases")
    {
        Description = "Refuse the release unless the version answered at least this many live cases in shadow beside the current champion (0: no requirement)",
        DefaultValueFactory = _ => 0,
        Validators =
        {
            r =>
            {
                if (r.GetValueOrDefault<int>() < 0)
                {
                    r.AddError("--min-shadow-cases must be 0 or more.");
                }
            },
        },
    };

    /// <summary>The registry a release runs under: the given one, or one requiring <paramref name="minimumShadowCases"/> live shadow cases.</summary>
    public static ModelRegistry WithMinimum(ModelRegistry registry, Storage.Sqlite.SqliteRungStore store, DirectoryInfo data, int minimumShadowCases) =>
        minimumShadowCases <= 0 ? registry : new ModelRegistry(store, data.FullName, registry.Key, TimeProvider.System, registry.Policy with { MinimumShadowCases = minimumShadowCases });

    public static async Task<int> RunAsync(ModelRegistry registry, string agent, string version, bool json, CancellationToken ct)
    {
        await registry.RequireAsync(agent, version, ct).ConfigureAwait(false);
        var champion = await registry.GetAliasAsync(agent, ModelAliases.Champion, ct).ConfigureAwait(false);
        var beside = champion is not null && champion != version ? champion : null;
        var comparison = await registry.CompareLiveAsync(agent, version, beside, ct).ConfigureAwait(false);
        if (comparison.Cases == 0 && beside is not null)
        {
            // Rows beside an earlier champion are still worth showing when there are none beside this one.
            comparison = await registry.CompareLiveAsync(agent, version, null, ct).ConfigureAwait(false);
        }

        if (json)
        {
            Console.WriteLine(RegistryJson.Write(comparison));
            return ExitCodes.Ok;
        }

        if (comparison.Cases == 0)
        {
            Console.WriteLine($"{agent}/{version} has no live shadow cases: it runs in shadow only while it is the agent's challenger (`rung model show` lists the aliases).");
            return ExitCodes.Ok;
        }

        foreach (var line in comparison.Describe())
        {
            Console.WriteLine(line);
        }

        if (comparison.Slices.Count > 0)
        {
            var table = new Table().AddColumns("slice", "cases", "agreement", "labelled", "challenger", "champion");
            foreach (var s in comparison.Slices)
            {
                table.AddRow(
                    Markup.Escape($"{s.Key}={s.Value}"),
                    s.Cases.ToString(CultureInfo.InvariantCulture),
                    Percent(s.Cases == 0 ? null : (double)s.Agreements / s.Cases),
                    s.Labelled.ToString(CultureInfo.InvariantCulture),
                    Percent(s.ChallengerAccuracy),
                    Percent(s.ChampionAccuracy));
            }

            AnsiConsole.Write(table);
        }

        return ExitCodes.Ok;
    }

    private static string Percent(double? share) => share is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "n/a";
}
