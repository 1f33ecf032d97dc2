using Rung.Governance.Identity;

namespace Rung.Governance.Tests;

/// <summary>P11-07, P11-11: the documented permission table is the one in the code.</summary>
public sealed class PermissionsDocsTests
{
    [Fact]
    public void GovernanceDoc_ContainsTheGeneratedMatrix()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Rung.slnx")))
        {
            folder = folder.Parent;
        }

        Assert.NotNull(folder);
        var doc = File.ReadAllText(Path.Combine(folder.FullName, "docs", "governance.md")).ReplaceLineEndings("\n");
        Assert.Contains(Permissions.ToMarkdown().ReplaceLineEndings("\n"), doc, StringComparison.Ordinal);
    }
}
