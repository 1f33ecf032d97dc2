using System.Text;
using Rung.Testing;

namespace Rung.UseCases.Tests;

public sealed class FileAndLimitTests
{
    [Fact]
    public void LoadFile_MissingFile_SaysNotFoundWithoutStackTrace()
    {
        using var dir = new TempDirectory();
        var path = dir.File("nope.yaml");

        var ex = Assert.Throws<UseCaseFileException>(() => UseCaseLoader.LoadFile(path));

        var error = Assert.Single(ex.Errors);
        Assert.Equal((path, 1, 1), (error.Source, error.Line, error.Column));
        Assert.Contains("file not found", error.Message, StringComparison.Ordinal);
        Assert.Equal($"{path}:1:1: file not found (looked for {path})", ex.Message);
    }

    [Fact]
    public void LoadFile_Folder_SaysItIsAFolder()
    {
        using var dir = new TempDirectory();

        var ex = Assert.Throws<UseCaseFileException>(() => UseCaseLoader.LoadFile(dir.Path));

        Assert.Contains("folder, not a use-case file", Assert.Single(ex.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_OversizedFile_IsRefusedBeforeParsing()
    {
        using var dir = new TempDirectory();
        var path = dir.File("big.yaml");
        File.WriteAllText(path, MinimalUseCase.Text + "# " + new string('x', (int)UseCaseLoader.MaxFileBytes) + "\n");

        var ex = Assert.Throws<UseCaseFileException>(() => UseCaseLoader.LoadFile(path));

        var error = Assert.Single(ex.Errors);
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains("may be at most 1,048,576 bytes (1 MiB)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OversizedText_IsRefused()
    {
        var yaml = new string(' ', (int)UseCaseLoader.MaxFileBytes + 1);

        Expect.OnlyError(yaml, 1, 1, "the file is 1,048,577 bytes");
    }

    [Fact]
    public void LoadFile_InvalidUtf8_IsRefused()
    {
        using var dir = new TempDirectory();
        var path = dir.File("latin1.yaml");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("usecase:\n  name: "), 0xE4, (byte)'\n']);

        var ex = Assert.Throws<UseCaseFileException>(() => UseCaseLoader.LoadFile(path));

        Assert.Contains("not UTF-8", Assert.Single(ex.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_RelativePath_ReturnsAbsoluteSourcePathAndAcceptsBom()
    {
        using var dir = new TempDirectory();
        var path = dir.File("usecase.yaml");
        File.WriteAllText(path, MinimalUseCase.Text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);

        var file = UseCaseLoader.LoadFile(relative);

        Assert.Equal(Path.GetFullPath(path), file.SourcePath);
        Assert.Equal("demo", file.Definition.Id);
    }

    [Fact]
    public void Load_WindowsLineEndings_KeepPositions()
    {
        var yaml = MinimalUseCase.Text.Replace("\n", "\r\n", StringComparison.Ordinal).Replace("target: 2", "target: two", StringComparison.Ordinal);

        Expect.OnlyError(yaml, 8, 11, "business.target: expected a number, found 'two'");
        Assert.Equal("demo", UseCaseLoader.Load(MinimalUseCase.Text.Replace("\n", "\r\n", StringComparison.Ordinal), "crlf.yaml").Definition.Id);
    }

    [Fact]
    public void Load_AliasBomb_IsStoppedByTheNodeCap()
    {
        const string yaml = """
            a: &a [x, x, x, x, x, x, x, x, x, x]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
            f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
            g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
            h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
            i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]
            """;

        // a..d hold about 12,000 nodes; each *d adds 11,111, so the eighth alias in e passes 100,000.
        Expect.OnlyError(yaml, 5, 36, "e[7]: the document expands to more than 100,000 nodes");
    }

    [Fact]
    public void Load_AnchorsAndAliases_AreAllowed()
    {
        var yaml = MinimalUseCase.With("""
              calendar:
                working_days: &weekdays [Mon, Tue, Wed, Thu, Fri]
                holidays: [2026-12-25]
              guard:
                allowed_actions: &all [accept, scrap]
              error_severity:
                - &rule { proposed: accept, actual: scrap, severity: High }
                - *rule

            """);

        var agent = UseCaseLoader.Load(yaml, "alias.yaml").Definition.Agent;

        Assert.Equal(5, agent.Calendar.WorkingDays.Count);
        Assert.Equal(2, agent.ErrorSeverity.Count);
        Assert.Equal(agent.ErrorSeverity[0], agent.ErrorSeverity[1]);
    }

    [Fact]
    public void Load_UnknownAlias_IsRefused()
    {
        Expect.Error("usecase: *missing\n", 1, 10, "usecase: unknown alias '*missing'");
    }

    [Fact]
    public void Load_NestingDeeperThan32_IsRefused()
    {
        var yaml = "usecase: " + new string('[', 40) + new string(']', 40) + "\n";

        // The root mapping is level 1, so the 32nd '[' (column 41) opens level 33.
        Expect.OnlyError(yaml, 1, 41, "nested deeper than 32 levels");
    }

    [Fact]
    public void Load_DeeplyNestedHugeInput_FailsCleanlyWithoutStackOverflow()
    {
        var yaml = new string('[', 500_000);

        var errors = Expect.Errors(yaml);

        Assert.Contains(errors, e => e.Message.Contains("nested deeper than 32 levels", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_EveryTruncationOfASample_EitherLoadsOrReportsPositionedErrors()
    {
        var text = File.ReadAllText(RepoPaths.Sample("machining-quality"));
        var lineCount = text.Split('\n').Length;

        for (var length = 0; length < text.Length; length += 7)
        {
            try
            {
                UseCaseLoader.Load(text[..length], "cut.yaml");
            }
            catch (UseCaseFileException ex)
            {
                Assert.NotEmpty(ex.Errors);
                Assert.All(ex.Errors, e => Assert.InRange(e.Line, 1, lineCount));
            }
        }
    }
}
