using System.Text;
using System.Text.Json;
using Rung.Storage.Journal;

namespace Rung.Runtime.Connectors;

/// <summary>
/// Writes committed actions as JSON lines to a file a plant system picks up (a common MES integration), one
/// line per case, flushed to disk before returning. Idempotent: a case already in the file is not written again,
/// which the file itself proves after a restart. A torn last line from a crash is ignored and rewritten.
/// </summary>
public sealed class JsonLinesActionConnector : IActionConnector
{
    private readonly FileStream _file;
    private readonly HashSet<string> _delivered;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private JsonLinesActionConnector(FileStream file, HashSet<string> delivered)
    {
        _file = file;
        _delivered = delivered;
    }

    /// <summary>How many distinct cases the file holds.</summary>
    public int DeliveredCount => _delivered.Count;

    /// <summary>Opens (or creates) the file and reads which cases it already holds.</summary>
    public static async Task<JsonLinesActionConnector> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var delivered = new HashSet<string>(StringComparer.Ordinal);
        long validLength = 0;
        if (File.Exists(path))
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            var start = 0;
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] != (byte)'\n')
                {
                    continue;
                }

                if (TryReadCaseId(bytes.AsSpan(start, i - start), out var caseId))
                {
                    delivered.Add(caseId);
                }

                start = i + 1;
                validLength = start;
            }
        }

        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        // Cut a torn final line left by a crash mid-write; its case is delivered again by the runtime.
        file.SetLength(validLength);
        file.Seek(validLength, SeekOrigin.Begin);
        return new JsonLinesActionConnector(file, delivered);
    }

    /// <inheritdoc />
    public async ValueTask DeliverAsync(IReadOnlyList<PendingAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var buffer = new StringBuilder();
            var added = new HashSet<string>(StringComparer.Ordinal);
            foreach (var action in actions)
            {
                if (_delivered.Contains(action.CaseId) || !added.Add(action.CaseId))
                {
                    continue;
                }

                buffer.Append(JsonSerializer.Serialize(new ActionLine(action.CaseId, action.AgentId, action.Action.Name, action.Action.Target, action.Action.Value, action.CommittedAt), ActionLineContext.Default.ActionLine)).Append('\n');
            }

            if (added.Count == 0)
            {
                return;
            }

            var before = _file.Position;
            try
            {
                await _file.WriteAsync(Encoding.UTF8.GetBytes(buffer.ToString()), cancellationToken).ConfigureAwait(false);
                await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
                _file.Flush(flushToDisk: true);
            }
            catch
            {
                // A write that failed part-way (disk full, cancelled) must not leave half a line for the next
                // one to be glued onto: cut back to where it started; the runtime delivers these again.
                _file.SetLength(before);
                _file.Position = before;
                throw;
            }

            _delivered.UnionWith(added);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private static bool TryReadCaseId(ReadOnlySpan<byte> line, out string caseId)
    {
        caseId = string.Empty;
        try
        {
            var parsed = JsonSerializer.Deserialize(line, ActionLineContext.Default.ActionLine);
            if (parsed is null || string.IsNullOrEmpty(parsed.CaseId))
            {
                return false;
            }

            caseId = parsed.CaseId;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
