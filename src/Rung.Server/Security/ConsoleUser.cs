namespace Rung.Server.Security;

/// <summary>A signed-in person as the console sees them.</summary>
/// <param name="Id">The user id, recorded on every verdict and acknowledgement.</param>
/// <param name="PrintedName">The name shown on screen.</param>
/// <param name="Roles">Their roles, by the names in <see cref="ConsoleRoles"/>.</param>
public sealed record ConsoleUser(string Id, string PrintedName, IReadOnlySet<string> Roles);
