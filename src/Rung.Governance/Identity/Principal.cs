namespace Rung.Governance.Identity;

/// <summary>An authenticated actor.</summary>
/// <param name="Kind">Person or machine.</param>
/// <param name="Id">The user id, or <c>token:TOKENID</c> for a token: what audit entries name as the actor.</param>
/// <param name="DisplayName">Printed name of the person, or the token's name.</param>
/// <param name="Roles">What it may do (see <see cref="Permissions"/>).</param>
/// <param name="Zones">Where it may do it (see <see cref="Identity.Zones"/>).</param>
public sealed record Principal(PrincipalKind Kind, string Id, string DisplayName, IReadOnlySet<Role> Roles, IReadOnlyList<string> Zones);
