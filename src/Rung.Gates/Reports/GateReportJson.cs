using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Rung.Gates.Evaluation;

namespace Rung.Gates.Reports;

/// <summary>The gate report as JSON (snake_case, stage names as text): the evidence snapshot stored with a gate decision.</summary>
public static class GateReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The report as indented JSON.</summary>
    public static string Write(GateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, Options);
    }

    /// <summary>SHA-256 of the JSON's UTF-8 bytes, lower-case hex: what an approval is given on.</summary>
    public static string Sha256(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }
}
