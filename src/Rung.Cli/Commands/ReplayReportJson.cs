using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rung.Cli.Commands;

/// <summary>Writes a <see cref="ReplayReport"/> as indented JSON with snake_case names, the style of the use-case file.</summary>
internal static class ReplayReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Converters = { new JsonStringEnumConverter() },
        // Drift statistics may be infinite (a p-value test with no spread); JSON has no such number.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write(ReplayReport report) => JsonSerializer.Serialize(report, Options);
}
