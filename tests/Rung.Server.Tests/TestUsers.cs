using Rung.Governance.Identity;

namespace Rung.Server.Tests;

/// <summary>The people the browser tests sign in as, stored in the console's data folder like `rung user add` does.</summary>
internal static class TestUsers
{
    public const string Password = "correct horse battery";

    /// <summary>Approver and operator on the whole press area (line3 and line4).</summary>
    public const string Ada = "ada";

    /// <summary>Auditor everywhere.</summary>
    public const string Auditor = "aud";

    /// <summary>Operator on line3 only.</summary>
    public const string Otto = "otto";

    /// <summary>Quality everywhere: reads, exports and signs the audit trail.</summary>
    public const string Quinn = "quinn";

    /// <summary>Operator whose account the lockout test uses up.</summary>
    public const string Lena = "lena";

    /// <summary>Operator whose password was reset by an administrator.</summary>
    public const string Pat = "pat";

    /// <summary>A deactivated operator.</summary>
    public const string Dan = "dan";

    public static async Task AddAsync(IdentityService identity)
    {
        await identity.AddUserAsync(Ada, "Ada Approver", [Role.Approver, Role.Operator], ["acme/berlin/press"], Password, "system");
        await identity.AddUserAsync(Auditor, "Audrey Auditor", [Role.Auditor], [Zones.Everywhere], Password, "system");
        await identity.AddUserAsync(Otto, "Otto Operator", [Role.Operator], ["acme/berlin/press/line3"], Password, "system");
        await identity.AddUserAsync(Quinn, "Quinn Quality", [Role.Quality], [Zones.Everywhere], Password, "system");
        await identity.AddUserAsync(Lena, "Lena Locked", [Role.Operator], ["acme/berlin/press/line3"], Password, "system");
        await identity.AddUserAsync(Pat, "Pat Reset", [Role.Operator], ["acme/berlin/press/line3"], Password, "system");
        await identity.ResetPasswordAsync(Pat, "one time pass 42", "system", "forgotten password");
        await identity.AddUserAsync(Dan, "Dan Gone", [Role.Operator], ["acme/berlin/press/line3"], Password, "system");
        await identity.DeactivateAsync(Dan, "system", "left the plant");
    }
}
