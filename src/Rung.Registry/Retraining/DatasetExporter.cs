using System.Globalization;
using System.Text;
using Rung.Registry.Signing;
using Rung.Storage.Registry;

namespace Rung.Registry.Retraining;

/// <summary>Writes labelled cases as a dataset snapshot. Deterministic: the same rows give the same bytes and hash.</summary>
public static class DatasetExporter
{
    /// <summary>
    /// Writes <c>data.csv</c> (case_id, occurred_at, each feature, label; empty cell for a missing value) and
    /// <c>dataset.json</c> into <paramref name="folder"/>.
    /// </summary>
    public static async Task<DatasetSnapshot> ExportAsync(string folder, IReadOnlyList<LabelledCase> cases, IReadOnlyList<string> features, DatasetProvenance provenance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(provenance);
        if (cases.Count == 0)
        {
            throw new ArgumentException("A dataset snapshot needs at least one labelled case; the journal has none for the request.", nameof(cases));
        }

        Directory.CreateDirectory(folder);
        var csv = new StringBuilder();
        csv.Append("case_id,occurred_at,").AppendJoin(',', features).Append(',').Append(DatasetSnapshot.LabelColumn).Append('\n');
        foreach (var c in cases)
        {
            csv.Append(Quote(c.CaseId)).Append(',').Append(c.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            foreach (var feature in features)
            {
                csv.Append(',');
                if (c.Features.TryGetValue(feature, out var v) && double.IsFinite(v))
                {
                    csv.Append(v.ToString("R", CultureInfo.InvariantCulture));
                }
            }

            csv.Append(',').Append(Quote(c.CorrectAction)).Append('\n');
        }

        var bytes = new UTF8Encoding(false).GetBytes(csv.ToString());
        var sha = ManifestHash.Of(bytes);
        var snapshot = new DatasetSnapshot("ds-" + sha[..12], sha, folder, cases.Count, features);
        await File.WriteAllBytesAsync(snapshot.DataPath, bytes, cancellationToken).ConfigureAwait(false);
        var description = new
        {
            id = snapshot.Id,
            sha256 = sha,
            rows = cases.Count,
            schema = features.Select(f => new { name = f, type = "number" })
                .Prepend(new { name = "occurred_at", type = "time" })
                .Prepend(new { name = "case_id", type = "string" })
                .Append(new { name = DatasetSnapshot.LabelColumn, type = "string" }),
            provenance,
        };
        await File.WriteAllTextAsync(Path.Combine(folder, DatasetSnapshot.DescriptionFile), RegistryJson.Write(description), cancellationToken).ConfigureAwait(false);
        return snapshot;
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
