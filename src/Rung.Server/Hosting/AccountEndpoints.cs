using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Rung.Governance.Identity;
using Rung.Server.Security;

namespace Rung.Server.Hosting;

/// <summary>
/// Sign-in, sign-out and password-change form posts, all through <see cref="IdentityService"/> (counted failures,
/// lockout, ageing; every attempt audited). The antiforgery middleware checks each post.
/// </summary>
internal static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/account/signin", SignInAsync).AllowAnonymous();
        app.MapPost("/account/password", ChangePasswordAsync).AllowAnonymous();
        app.MapPost("/account/signout", (Delegate)SignOutAsync).RequireAuthorization();
    }

    private static async Task<RedirectHttpResult> SignInAsync(
        HttpContext context,
        [FromForm(Name = "userId")] string? userId,
        [FromForm(Name = "password")] string? password,
        [FromForm(Name = "returnUrl")] string? returnUrl,
        IdentityService identity,
        ConsoleSessions sessions,
        CancellationToken cancellationToken)
    {
        var back = LocalOrHome(returnUrl);
        if (string.IsNullOrWhiteSpace(userId) || string.IsNullOrEmpty(password))
        {
            return TypedResults.Redirect(SignInPage("invalid", back));
        }

        var id = userId.Trim();
        var result = await identity.SignInAsync(id, password, cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case SignInStatus.Success:
                sessions.Add(result.Session!);
                await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, ConsoleClaims.For(result.Session!)).ConfigureAwait(false);
                return TypedResults.Redirect(back);
            case SignInStatus.PasswordChangeRequired:
                return TypedResults.Redirect($"/account/password?userId={Uri.EscapeDataString(id)}&returnUrl={Uri.EscapeDataString(back)}");
            default:
                return TypedResults.Redirect(SignInPage(Code(result.Status), back));
        }
    }

    private static async Task<RedirectHttpResult> ChangePasswordAsync(
        HttpContext context,
        [FromForm(Name = "userId")] string? userId,
        [FromForm(Name = "current")] string? current,
        [FromForm(Name = "next")] string? next,
        [FromForm(Name = "confirm")] string? confirm,
        [FromForm(Name = "returnUrl")] string? returnUrl,
        IdentityService identity,
        ConsoleSessions sessions,
        CancellationToken cancellationToken)
    {
        var back = LocalOrHome(returnUrl);
        var id = (userId ?? string.Empty).Trim();
        string Again(string failed) => $"/account/password?userId={Uri.EscapeDataString(id)}&failed={failed}&returnUrl={Uri.EscapeDataString(back)}";
        if (id.Length == 0 || string.IsNullOrEmpty(current) || string.IsNullOrEmpty(next))
        {
            return TypedResults.Redirect(Again("missing"));
        }

        if (next != confirm)
        {
            return TypedResults.Redirect(Again("mismatch"));
        }

        try
        {
            if (!await identity.ChangePasswordAsync(id, current, next, cancellationToken).ConfigureAwait(false))
            {
                return TypedResults.Redirect(Again("wrong"));
            }
        }
        catch (ArgumentException)
        {
            return TypedResults.Redirect(Again("rules"));
        }

        return await SignInAsync(context, id, next, back, identity, sessions, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<RedirectHttpResult> SignOutAsync(HttpContext context, ConsoleSessions sessions)
    {
        sessions.SignOut(ConsoleClaims.SessionIdOf(context.User));
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        return TypedResults.Redirect("/signin");
    }

    private static string SignInPage(string failed, string back) => $"/signin?failed={failed}&returnUrl={Uri.EscapeDataString(back)}";

    private static string Code(SignInStatus status) => status switch
    {
        SignInStatus.LockedOut => "locked",
        SignInStatus.Deactivated => "deactivated",
        _ => "invalid",
    };

    // Only a path on this site: an absolute or protocol-relative address would be an open redirect.
    private static string LocalOrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
