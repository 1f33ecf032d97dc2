using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Rung.Governance.Identity;

namespace Rung.Hardening.Tests.Server;

/// <summary>
/// Every route the app maps, read from its <see cref="EndpointDataSource"/> so a new one cannot be missed, refuses
/// the anonymous caller, a role that lacks the operation, and a caller from another zone. Only the routes listed in
/// <see cref="Public"/> may be reached without signing in; adding one there is a reviewed decision.
/// </summary>
public sealed class RouteAuthorizationTests(HardeningServer server) : IClassFixture<HardeningServer>
{
    /// <summary>What anyone may reach: the sign-in and password forms, static assets, the API description and Blazor's own plumbing.</summary>
    private static readonly HashSet<string> Public = new(StringComparer.Ordinal)
    {
        "GET /console.css", "GET /_framework/blazor.web.js", "GET /_framework/opaque-redirect", "GET /api/v1/openapi.json",
        "GET /signin", "POST /signin", "POST /account/signin", "GET /account/password", "POST /account/password", "POST /account/password (form)",
        "GET /denied", "POST /denied",
        // The circuit hub: a circuit renders pages through AuthorizeRouteView and acts through ConsoleGate.
        "* /_blazor", "* /_blazor/negotiate", "* /_blazor/disconnect/", "* /_blazor/initializers/",
    };

    /// <summary>Console operations and, for each, a signed-in person whose role lacks it (none lacks ViewDashboard).</summary>
    private static readonly Dictionary<string, string> LacksOperation = new(StringComparer.Ordinal)
    {
        [nameof(Operation.ViewAudit)] = "otto",
        [nameof(Operation.ExportAudit)] = "otto",
        [nameof(Operation.ApproveCase)] = "aud",
        [nameof(Operation.ResolveException)] = "aud",
    };

    [Fact]
    public void Routes_Enumerated_IncludeTheApiAndTheConsole()
    {
        var routes = Routes().Select(r => r.Key).ToList();

        Assert.Contains("POST /api/v1/agents/{agentId}/cases", routes);
        Assert.Contains("GET /audit/export", routes);
        Assert.Contains("GET /approvals", routes);
        Assert.True(routes.Count >= 30, $"only {routes.Count} routes found: {string.Join(", ", routes)}");
    }

    [Fact]
    public async Task EveryRoute_Anonymous_IsRefused()
    {
        using var client = server.Client();
        var failures = new List<string>();
        foreach (var route in Routes().Where(r => !Public.Contains(r.Key)))
        {
            using var response = await SendAsync(client, route, token: null);
            if (!IsRefusalOfAnonymous(response))
            {
                failures.Add($"{route.Key}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.True(failures.Count == 0, "reachable without signing in:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryAgentRoute_CallerFromAnotherZone_IsRefusedOrSeesNothing()
    {
        using var client = server.Client();
        var failures = new List<string>();
        foreach (var route in Routes().Where(r => r.Key.Contains("/api/", StringComparison.Ordinal) && !Public.Contains(r.Key)))
        {
            // Every role, but only on line 4: the zone alone must keep line 3 out.
            using var response = await SendAsync(client, route, server.Tokens["all-roles-line4"]);
            var body = await response.Content.ReadAsStringAsync();
            var refused = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;
            var empty = response.IsSuccessStatusCode && !body.Contains(HardeningServer.Agent, StringComparison.Ordinal) && !body.Contains(server.CaseId, StringComparison.Ordinal);
            if (!refused && !empty)
            {
                failures.Add($"{route.Key}: {(int)response.StatusCode} {Shorten(body)}");
            }
        }

        Assert.True(failures.Count == 0, "line 3 reached from line 4:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryApiWrite_ReadOnlyRole_IsRefused()
    {
        using var client = server.Client();
        var failures = new List<string>();
        foreach (var route in Routes().Where(r => r.Key.Contains("/api/", StringComparison.Ordinal) && r.Method != "GET" && !Public.Contains(r.Key)))
        {
            using var response = await SendAsync(client, route, server.Tokens["auditor"]);
            if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
            {
                failures.Add($"{route.Key}: {(int)response.StatusCode} {Shorten(await response.Content.ReadAsStringAsync())}");
            }
        }

        Assert.True(failures.Count == 0, "an auditor changed something:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task AuditApi_OperatorRole_IsRefused()
    {
        using var client = server.Client();
        foreach (var route in Routes().Where(r => r.Key.StartsWith("GET /api/v1/audit", StringComparison.Ordinal)))
        {
            using var response = await SendAsync(client, route, server.Tokens["operator"]);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{route.Key}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task EveryConsoleRouteWithAPolicy_RoleWithoutIt_IsDenied()
    {
        var checkedRoutes = 0;
        var failures = new List<string>();
        foreach (var route in Routes().Where(r => r.Policy is not null && r.Method == "GET"))
        {
            if (route.Policy == nameof(Operation.ViewDashboard))
            {
                continue;
            }

            Assert.True(LacksOperation.TryGetValue(route.Policy!, out var user), $"{route.Key} needs {route.Policy}: name a person without it in LacksOperation");
            var (client, signIn) = await server.SignInAsync(user, HardeningServer.Password);
            using (client)
            using (signIn)
            {
                Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
                using var response = await SendAsync(client, route, token: null);
                checkedRoutes++;
                if (!(response.StatusCode == HttpStatusCode.Forbidden || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/denied", StringComparison.Ordinal))))
                {
                    failures.Add($"{route.Key} as {user}: {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        Assert.True(checkedRoutes >= 4, $"only {checkedRoutes} console routes checked");
        Assert.True(failures.Count == 0, "allowed without the role:\n" + string.Join("\n", failures));
    }

    private static bool IsRefusalOfAnonymous(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Unauthorized
        || (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
            && response.Headers.Location?.OriginalString.Contains("/signin", StringComparison.Ordinal) == true);

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, Route route, string? token)
    {
        var path = route.Pattern
            .Replace("{agentId}", HardeningServer.Agent, StringComparison.OrdinalIgnoreCase)
            .Replace("{caseId}", server.CaseId, StringComparison.Ordinal)
            .Replace("{alarmId}", "1", StringComparison.Ordinal);
        path = System.Text.RegularExpressions.Regex.Replace(path, "\\{[^}]+\\}", "x");
        var method = route.Method == "*" ? "GET" : route.Method;
        // Fields every write route may look for, naming line 3's agent where a body names one (edge journals).
        var json = method == "GET" ? null : $$"""{"reason": "hardening test", "action": "accept", "comment": "x", "edgeId": "hardening-edge", "sentAt": "2026-01-01T00:00:00Z", "modelVersion": "v1", "bufferDepth": 0, "forwardingLag": "00:00:00", "stopped": false, "scope": "agent:{{HardeningServer.Agent}}", "entries": [{"agentId": "{{HardeningServer.Agent}}"}]}""";
        return await HardeningServer.SendAsync(client, new HttpMethod(method), path, token, json);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";

    private List<Route> Routes()
    {
        var routes = new List<Route>();
        foreach (var endpoint in server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            var policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p is not null);
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
            {
                routes.Add(new Route(method, pattern, policy));
            }
        }

        return routes;
    }

    private sealed record Route(string Method, string Pattern, string? Policy)
    {
        public string Key => $"{Method} {Pattern}";
    }
}
