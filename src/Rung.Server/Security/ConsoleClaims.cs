using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Rung.Governance.Identity;

namespace Rung.Server.Security;

/// <summary>What the console's cookie says about the person: the session id, and for display the name, roles and zones.</summary>
public static class ConsoleClaims
{
    /// <summary>The claim holding the server-side session id.</summary>
    public const string SessionId = "rung.session";

    /// <summary>A claim per zone the person may act on.</summary>
    public const string Zone = "rung.zone";

    /// <summary>The cookie principal of a session.</summary>
    public static ClaimsPrincipal For(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var p = session.Principal;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, p.Id),
            new(ClaimTypes.Name, p.DisplayName),
            new(SessionId, session.SessionId),
        };
        claims.AddRange(p.Roles.Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        claims.AddRange(p.Zones.Select(z => new Claim(Zone, z)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>The session id of a cookie principal, or null.</summary>
    public static string? SessionIdOf(ClaimsPrincipal user) => user?.FindFirstValue(SessionId);

    /// <summary>The roles named in a cookie principal (unknown names are ignored).</summary>
    public static HashSet<Role> RolesOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return [.. user.FindAll(ClaimTypes.Role).Select(c => Enum.TryParse<Role>(c.Value, out var r) ? (Role?)r : null).OfType<Role>()];
    }
}
