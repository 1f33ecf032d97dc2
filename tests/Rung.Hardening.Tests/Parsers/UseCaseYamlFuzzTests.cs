using System.Text;
using Rung.Hardening.Tests.Fuzzing;
using Rung.UseCases;

namespace Rung.Hardening.Tests.Parsers;

public sealed class UseCaseYamlFuzzTests
{
    private static readonly string[] Tokens =
    [
        ":", "- ", "\n", "\n  ", "{", "}", "[", "]", "&a ", "*a", "<<: *a", "!!binary ", "!tag ", "'", "\"", "#", "|", ">", "---", "...",
        "%YAML 1.2\n", "? ", "1e999", ".nan", "-.inf", "0x7fffffffffffffff", "\t", "\u0000", "\uFEFF", "~",
    ];

    [Fact]
    public void Load_MutatedAndRandomYaml_LoadsOrReportsErrorsWithPosition()
    {
        var report = FuzzRunner.Run("usecase-yaml", FuzzBudget.For(1200), Corpus(), Tokens, Load, input => (64L * 1024 * 1024) + (256L * input.Length));

        Assert.True(report.Findings.Count == 0, report.ToString());
        Assert.True(report.Accepted > 0 && report.Refused > 0, report.ToString());
    }

    [Fact]
    public void Load_AliasBomb_RefusedByNodeLimit()
    {
        var yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++)
        {
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        var error = Assert.Throws<UseCaseFileException>(() => UseCaseLoader.Load(yaml.ToString(), "bomb.yaml"));

        Assert.Contains("nodes", error.Message, StringComparison.Ordinal);
    }

    private static FuzzOutcome Load(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        try
        {
            UseCaseLoader.Load(text, "fuzz.yaml");
            return FuzzOutcome.Accepted;
        }
        catch (UseCaseFileException e)
        {
            Assert.NotEmpty(e.Errors);
            Assert.All(e.Errors, error => Assert.False(string.IsNullOrWhiteSpace(error.Message)));
            Assert.Contains("fuzz.yaml", e.Message, StringComparison.Ordinal);
            return FuzzOutcome.Refused;
        }
    }

    private static List<byte[]> Corpus()
    {
        var root = RepoRoot();
        return
        [
            File.ReadAllBytes(Path.Combine(root, "samples", "machining-quality", "usecase.yaml")),
            File.ReadAllBytes(Path.Combine(root, "samples", "order-entry", "usecase.yaml")),
        ];
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Rung.slnx")))
        {
            dir = dir.Parent;
        }

        return dir.FullName;
    }
}
