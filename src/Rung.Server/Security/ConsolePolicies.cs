using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Rung.Governance.Identity;

namespace Rung.Server.Security;

/// <summary>
/// One authorization policy per <see cref="Operation"/>, named after it (<c>nameof(Operation.ApproveCase)</c>), read
/// from the governance <see cref="Permissions"/> matrix: the console keeps no role table of its own. Pages name a
/// policy; buttons also check the zone of the agent (<see cref="Can"/>); every action is authorized again on the
/// server with <see cref="IdentityService.AuthorizeAsync"/>.
/// </summary>
public static class ConsolePolicies
{
    /// <summary>True when the user's roles allow <paramref name="operation"/> somewhere.</summary>
    public static bool Allows(ClaimsPrincipal user, Operation operation) =>
        Permissions.AllowsAny(ConsoleClaims.RolesOf(user), operation);

    /// <summary>True when a principal's roles allow <paramref name="operation"/> and its zones cover <paramref name="scope"/>: whether to show a button.</summary>
    public static bool Can(Principal? principal, Operation operation, string scope) =>
        principal is not null && Permissions.AllowsAny(principal.Roles, operation) && Zones.AnyCovers(principal.Zones, scope);

    /// <summary>Registers a policy per operation.</summary>
    public static void AddTo(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var operation in Enum.GetValues<Operation>())
        {
            options.AddPolicy(operation.ToString(), policy => policy.RequireAuthenticatedUser().RequireAssertion(c => Allows(c.User, operation)));
        }
    }
}
