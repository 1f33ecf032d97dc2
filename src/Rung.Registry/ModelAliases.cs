namespace Rung.Registry;

/// <summary>The alias names the registry uses.</summary>
public static class ModelAliases
{
    /// <summary>The version that decides.</summary>
    public const string Champion = "champion";

    /// <summary>The version under test.</summary>
    public const string Challenger = "challenger";
}
