using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Rung.Server.Hosting;

/// <summary>Answers 429 (with Retry-After) to a sign-in or API write over its <see cref="RateLimits"/>, before anything runs.</summary>
internal sealed class RateLimitMiddleware(RequestDelegate next, RateLimits limits)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (HttpMethods.IsPost(request.Method) && (request.Path.Equals("/account/signin", StringComparison.OrdinalIgnoreCase) || request.Path.Equals("/account/password", StringComparison.OrdinalIgnoreCase)))
        {
            // The form is buffered by the framework, so the endpoint reads the same values again.
            var userId = request.HasFormContentType ? (await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false))["userId"].ToString() : string.Empty;
            if (!limits.AllowSignIn(address, userId))
            {
                await RefuseAsync(context, 60, "text/plain; charset=utf-8", "Too many sign-in attempts from this address; wait a minute and try again.").ConfigureAwait(false);
                return;
            }
        }
        else if (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && !limits.AllowWrite(address, request.Headers.Authorization.ToString()))
        {
            await RefuseAsync(context, 1, "application/problem+json; charset=utf-8", """{"type":"about:blank","title":"Too many requests","status":429,"detail":"This caller sent more writes than the server's per-caller limit; retry after a second. Nothing was stored for this request."}""").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static Task RefuseAsync(HttpContext context, int retryAfterSeconds, string contentType, string body)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(body, context.RequestAborted);
    }
}
