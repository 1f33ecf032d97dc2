namespace Rung.UseCases.Tests;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Sample(string folder, string file = "usecase.yaml") => Path.Combine(Root, "samples", folder, file);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Rung.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Rung.slnx above {AppContext.BaseDirectory}.");
    }
}
