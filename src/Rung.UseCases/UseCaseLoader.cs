using System.Globalization;
using System.Text;
using Rung.UseCases.Reading;
using Rung.UseCases.Yaml;

namespace Rung.UseCases;

/// <summary>
/// Loads and validates a use-case file (YAML, one document: <c>usecase</c>, <c>business</c>, <c>agent</c>).
/// Every problem in the file is collected and reported together with its line and column; the result is either a
/// complete definition or a <see cref="UseCaseFileException"/>, never a partly loaded one. Thread-safe: no state is
/// kept between calls.
/// </summary>
public static class UseCaseLoader
{
    /// <summary>The largest file accepted: 1 MiB.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>The deepest nesting of mappings and lists accepted.</summary>
    public const int MaxDepth = YamlTreeBuilder.MaxDepth;

    /// <summary>The most YAML nodes accepted, counting every alias as a full copy (stops alias bombs).</summary>
    public const long MaxNodes = YamlTreeBuilder.MaxNodes;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads, parses and validates the file at <paramref name="path"/>.</summary>
    /// <param name="path">The file's path, absolute or relative to the current directory.</param>
    /// <returns>The definition, with <see cref="UseCaseFile.SourcePath"/> set to the file's absolute path.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or white space.</exception>
    /// <exception cref="UseCaseFileException">
    /// The file is missing, unreadable, larger than <see cref="MaxFileBytes"/>, not UTF-8, or not a valid use case.
    /// Errors name the path as given.
    /// </exception>
    public static UseCaseFile LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var diagnostics = new Diagnostics(path);
        var text = Read(path, diagnostics, out var fullPath);
        diagnostics.ThrowIfAny();
        return Parse(text!, diagnostics, fullPath!);
    }

    /// <summary>Parses and validates use-case YAML held in memory.</summary>
    /// <param name="yaml">The file's text.</param>
    /// <param name="sourceName">How errors name the text, and the returned <see cref="UseCaseFile.SourcePath"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="yaml"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="sourceName"/> is null, empty or white space.</exception>
    /// <exception cref="UseCaseFileException">The text is larger than <see cref="MaxFileBytes"/> or not a valid use case.</exception>
    public static UseCaseFile Load(string yaml, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        var diagnostics = new Diagnostics(sourceName);
        var bytes = Encoding.UTF8.GetByteCount(yaml);
        if (bytes > MaxFileBytes)
        {
            ReportTooLarge(diagnostics, bytes);
        }

        diagnostics.ThrowIfAny();
        return Parse(yaml, diagnostics, sourceName);
    }

    private static UseCaseFile Parse(string yaml, Diagnostics diagnostics, string sourcePath)
    {
        var root = YamlTreeBuilder.Build(yaml.TrimStart('\uFEFF'), diagnostics);
        var definition = root is null ? null : UseCaseReader.Read(root, new Values(diagnostics));
        diagnostics.ThrowIfAny();
        return new UseCaseFile(sourcePath, definition!);
    }

    private static string? Read(string path, Diagnostics diagnostics, out string? fullPath)
    {
        fullPath = null;
        try
        {
            fullPath = Path.GetFullPath(path);
            if (Directory.Exists(fullPath))
            {
                diagnostics.Error(Position.FileStart, "", "this is a folder, not a use-case file");
                return null;
            }

            var info = new FileInfo(fullPath);
            if (!info.Exists)
            {
                diagnostics.Error(Position.FileStart, "", $"file not found (looked for {fullPath})");
                return null;
            }

            if (info.Length > MaxFileBytes)
            {
                ReportTooLarge(diagnostics, info.Length);
                return null;
            }

            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var memory = new MemoryStream();

            // Read at most one byte past the limit: the file may have grown since it was measured.
            var buffer = new byte[81920];
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                memory.Write(buffer, 0, read);
                if (memory.Length > MaxFileBytes)
                {
                    ReportTooLarge(diagnostics, memory.Length);
                    return null;
                }
            }

            return StrictUtf8.GetString(memory.GetBuffer(), 0, (int)memory.Length);
        }
        catch (UnauthorizedAccessException)
        {
            diagnostics.Error(Position.FileStart, "", "permission denied: the file cannot be read");
        }
        catch (DecoderFallbackException)
        {
            diagnostics.Error(Position.FileStart, "", "the file is not UTF-8 text");
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or NotSupportedException)
        {
            diagnostics.Error(Position.FileStart, "", $"the file cannot be read: {ex.Message}");
        }

        return null;
    }

    private static void ReportTooLarge(Diagnostics diagnostics, long bytes) =>
        diagnostics.Error(
            Position.FileStart,
            "",
            string.Create(CultureInfo.InvariantCulture, $"the file is {bytes:N0} bytes; a use-case file may be at most {MaxFileBytes:N0} bytes (1 MiB)"));
}
