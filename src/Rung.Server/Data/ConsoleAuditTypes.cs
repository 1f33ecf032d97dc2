namespace Rung.Server.Data;

/// <summary>Record types of the audit entries the console writes itself (the store audits approvals, users and signatures).</summary>
public static class ConsoleAuditTypes
{
    /// <summary>An exception-queue item: assigned, or decided (which labels its case).</summary>
    public const string Exception = "exception";

    /// <summary>An alarm: acknowledged.</summary>
    public const string Alarm = "alarm";
}
