namespace Rung.Governance.Conduits;

/// <summary>
/// What <c>rung serve</c> and <c>rung edge run</c> do with the conduit declaration at start-up: read it, or, when the
/// data folder has none, print one warning and enforce nothing, so a plant that ran before zones and conduits were
/// declared keeps running after an upgrade.
/// </summary>
public static class ConduitStartup
{
    /// <summary>The data folder's declaration, or null after writing the warning to <paramref name="warnings"/>.</summary>
    /// <exception cref="ConduitFileException">The file exists and is not valid.</exception>
    public static PlantConduits? Load(string dataFolder, TextWriter warnings)
    {
        ArgumentNullException.ThrowIfNull(dataFolder);
        ArgumentNullException.ThrowIfNull(warnings);
        var conduits = PlantConduits.Load(dataFolder);
        if (conduits is null)
        {
            warnings.WriteLine($"warning: no {PlantConduits.FileName} in {dataFolder}: zones and conduits are not enforced, every connection is allowed (IEC 62443 SR 5.1/5.2; see docs/security.md).");
        }

        return conduits;
    }
}
