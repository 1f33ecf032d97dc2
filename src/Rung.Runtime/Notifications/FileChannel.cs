namespace Rung.Runtime.Notifications;

/// <summary>
/// Appends each page as one JSON line (<see cref="PageMessage"/>) to a file, flushed to disk before returning:
/// a local sink a person or a script can tail. The folder is created when missing. Every delivery is appended,
/// so a page delivered twice appears twice with the same <c>delivery_id</c>. Thread-safe within one process; the append is synchronous (a few hundred bytes).
/// </summary>
public sealed class FileChannel : INotificationChannel
{
    private readonly Lock _gate = new();

    /// <summary>Creates the channel for a file path.</summary>
    public FileChannel(string path, string name = "file")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Path = System.IO.Path.GetFullPath(path);
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The full path of the file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public Task DeliverAsync(Page page, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var json = PageMessage.SerializeToUtf8(page);
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        try
        {
            // One small append: synchronous under a lock so concurrent pages never interleave within a line.
            lock (_gate)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
                file.Write(line);
                file.Flush(flushToDisk: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NotificationException(Name, Path, ex.Message, ex);
        }

        return Task.CompletedTask;
    }
}
