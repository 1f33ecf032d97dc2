using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Rung.Server.Security;

namespace Rung.Server.Hosting;

/// <summary>Sign-in and sign-out form posts; both are checked against forgery by the antiforgery middleware.</summary>
internal static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/account/signin", SignInAsync).AllowAnonymous();
        app.MapPost("/account/signout", (Delegate)SignOutAsync).RequireAuthorization();
    }

    private static async Task<RedirectHttpResult> SignInAsync(
        HttpContext context,
        [FromForm(Name = "userId")] string? userId,
        [FromForm(Name = "password")] string? password,
        [FromForm(Name = "returnUrl")] string? returnUrl,
        IConsoleUserDirectory users,
        CancellationToken cancellationToken)
    {
        var user = string.IsNullOrWhiteSpace(userId) || string.IsNullOrEmpty(password)
            ? null
            : await users.SignInAsync(userId.Trim(), password, cancellationToken).ConfigureAwait(false);
        var back = LocalOrHome(returnUrl);
        if (user is null)
        {
            return TypedResults.Redirect("/signin?failed=1&returnUrl=" + Uri.EscapeDataString(back));
        }

        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user.Id), new(ClaimTypes.Name, user.PrintedName) };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal).ConfigureAwait(false);
        return TypedResults.Redirect(back);
    }

    private static async Task<RedirectHttpResult> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        return TypedResults.Redirect("/signin");
    }

    // Only a path on this site: an absolute or protocol-relative address would be an open redirect.
    private static string LocalOrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
