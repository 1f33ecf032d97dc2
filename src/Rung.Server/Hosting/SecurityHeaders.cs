using Microsoft.AspNetCore.Http;

namespace Rung.Server.Hosting;

/// <summary>Headers that keep the console out of frames, sniffing and other sites' reach, on every response.</summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    // Blazor's reconnect dialog injects a style element, hence inline styles; no inline or foreign script.
    private const string Policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    public Task InvokeAsync(HttpContext context)
    {
        // Set when the response starts, so a header a later component wrote (antiforgery's SAMEORIGIN) is replaced, not doubled.
        context.Response.OnStarting(() =>
        {
            Apply(context);
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000";
        }
    }
}
