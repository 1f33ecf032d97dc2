using System.Globalization;
using System.Text;
using System.Text.Json;
using Rung.Storage.Audit;

namespace Rung.Governance.Audit;

/// <summary>The copy of the audit checkpoints kept outside the database, one JSON object per line.</summary>
public static class CheckpointFile
{
    /// <summary>Appends a checkpoint and flushes it to disk.</summary>
    public static async Task AppendAsync(string path, AuditCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var line = JsonSerializer.Serialize(new Line(checkpoint.Sequence, checkpoint.Hash, checkpoint.At.UtcTicks, checkpoint.KeyId, checkpoint.Signature), GovernanceJsonContext.Default.CheckpointLine);
        await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken).ConfigureAwait(false);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Reads every checkpoint; a line that cannot be read is returned as a problem naming its line number.</summary>
    public static async Task<(IReadOnlyList<AuditCheckpoint> Checkpoints, IReadOnlyList<string> Problems)> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var checkpoints = new List<AuditCheckpoint>();
        var problems = new List<string>();
        if (!File.Exists(path))
        {
            return (checkpoints, problems);
        }

        var number = 0;
        foreach (var text in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            try
            {
                var line = JsonSerializer.Deserialize(text, GovernanceJsonContext.Default.CheckpointLine) ?? throw new JsonException("empty");
                checkpoints.Add(new AuditCheckpoint(line.Seq, line.Hash, new DateTimeOffset(line.At, TimeSpan.Zero), line.KeyId, line.Signature));
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(path)} line {number} is not a checkpoint: {ex.Message}"));
            }
        }

        return (checkpoints, problems);
    }

    /// <summary>One line of the file.</summary>
    internal sealed record Line(long Seq, string Hash, long At, string KeyId, string Signature);
}
