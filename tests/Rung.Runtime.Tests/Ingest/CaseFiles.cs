using Rung.Runtime.Ingest;
using Rung.Testing;

namespace Rung.Runtime.Tests.Ingest;

/// <summary>Writes case files into a temp directory and reads them back with a reader for the inputs temp and vib.</summary>
internal static class CaseFiles
{
    public static readonly string[] Inputs = ["temp", "vib"];

    public static CaseFileReader Reader() => new(Inputs);

    public static string Write(TempDirectory dir, string name, string content)
    {
        var path = dir.File(name);
        File.WriteAllText(path, content);
        return path;
    }

    public static string WriteBytes(TempDirectory dir, string name, byte[] content)
    {
        var path = dir.File(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public static async Task<List<CaseRow>> ReadAllAsync(string path)
    {
        var rows = new List<CaseRow>();
        await foreach (var row in Reader().ReadAsync(path))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Validates the file, expecting it to be refused, and checks that the message names file, line and field.</summary>
    public static async Task<CaseFileException> RefusedAsync(string path, long line, string? field)
    {
        var ex = await Assert.ThrowsAsync<CaseFileException>(() => Reader().ValidateAsync(path));
        Assert.Equal(path, ex.FilePath);
        Assert.Equal(line, ex.Line);
        Assert.Equal(field, ex.Field);
        // A problem with the file as a whole has no line: "cases.csv: ...", never "cases.csv:0: ...".
        Assert.StartsWith(line == 0 ? $"{Path.GetFileName(path)}: " : $"{Path.GetFileName(path)}:{line}", ex.Message, StringComparison.Ordinal);
        if (field is not null)
        {
            Assert.Contains($"({field})", ex.Message, StringComparison.Ordinal);
        }

        return ex;
    }

    public static byte[] Garbage(int length)
    {
        // Fixed seed: the same bytes every run, with NULs and invalid UTF-8 in them.
        var bytes = new byte[length];
        new Random(7).NextBytes(bytes);
        bytes[3] = 0;
        bytes[4] = 0xFF;
        return bytes;
    }
}
