using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Rung.Server.Hosting;

/// <summary>
/// The stylesheet and the Blazor script, served from this assembly's resources so the console runs from any
/// host executable without a static web assets manifest.
/// </summary>
internal static class ConsoleAssets
{
    public static void Map(IEndpointRouteBuilder app)
    {
        MapResource(app, "/console.css", "console.css", "text/css; charset=utf-8");
        MapResource(app, "/_framework/blazor.web.js", "blazor.web.js", "text/javascript; charset=utf-8");
    }

    private static void MapResource(IEndpointRouteBuilder app, string path, string resource, string contentType)
    {
        using var stream = typeof(ConsoleAssets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Resource '{resource}' is missing from {typeof(ConsoleAssets).Assembly.GetName().Name}.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        app.MapGet(path, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Bytes(bytes, contentType);
        }).AllowAnonymous();
    }
}
