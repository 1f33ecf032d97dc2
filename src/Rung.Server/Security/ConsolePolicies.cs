using Microsoft.AspNetCore.Authorization;

namespace Rung.Server.Security;

/// <summary>
/// The one place that says which role sees which page and presses which button. Pages and buttons name a
/// policy; the policy names the roles.
/// </summary>
public static class ConsolePolicies
{
    /// <summary>Read the portfolio, agent pages and alarms.</summary>
    public const string View = "console.view";

    /// <summary>Approve or reject drafted actions.</summary>
    public const string Approve = "console.approve";

    /// <summary>Assign, decide and label exception items.</summary>
    public const string Triage = "console.triage";

    /// <summary>Acknowledge alarms.</summary>
    public const string Acknowledge = "console.acknowledge";

    /// <summary>Each policy and the roles that hold it.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [View] = ConsoleRoles.All,
        [Approve] = [ConsoleRoles.Approver, ConsoleRoles.Owner, ConsoleRoles.Admin],
        [Triage] = [ConsoleRoles.Operator, ConsoleRoles.Approver, ConsoleRoles.Owner, ConsoleRoles.Quality, ConsoleRoles.Admin],
        [Acknowledge] = [ConsoleRoles.Operator, ConsoleRoles.Owner, ConsoleRoles.MlEngineer, ConsoleRoles.OtEngineer, ConsoleRoles.Admin],
    };

    /// <summary>True when a user with these roles holds the policy.</summary>
    public static bool Allows(string policy, IReadOnlySet<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return Roles.TryGetValue(policy, out var allowed) && allowed.Any(roles.Contains);
    }

    /// <summary>Registers every policy.</summary>
    public static void AddTo(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (name, roles) in Roles)
        {
            options.AddPolicy(name, policy => policy.RequireAuthenticatedUser().RequireRole(roles));
        }
    }
}
