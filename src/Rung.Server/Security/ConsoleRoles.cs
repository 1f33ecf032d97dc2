namespace Rung.Server.Security;

/// <summary>The role names the user directory hands out.</summary>
public static class ConsoleRoles
{
    /// <summary>Works the line; triages exceptions and takes alarms.</summary>
    public const string Operator = "Operator";

    /// <summary>Approves or rejects drafted actions.</summary>
    public const string Approver = "Approver";

    /// <summary>The named operations owner of a use case.</summary>
    public const string Owner = "Owner";

    /// <summary>Quality engineer: labels and triages.</summary>
    public const string Quality = "Quality";

    /// <summary>Looks after models; takes model and drift alarms.</summary>
    public const string MlEngineer = "MlEngineer";

    /// <summary>Looks after the plant systems; takes connector and data alarms.</summary>
    public const string OtEngineer = "OtEngineer";

    /// <summary>Everything.</summary>
    public const string Admin = "Admin";

    /// <summary>Reads everything, changes nothing.</summary>
    public const string Auditor = "Auditor";

    /// <summary>Every role, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } = [Operator, Approver, Owner, Quality, MlEngineer, OtEngineer, Admin, Auditor];
}
