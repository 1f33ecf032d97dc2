using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rung.Governance.Identity;
using Rung.Storage;

namespace Rung.Server.Api;

/// <summary>
/// The versioned REST API under <c>/api/v1</c>: agents, cases, outcomes, approvals, exceptions, alarms, the
/// audit trail, the model registry and the go/no-go gates, with its OpenAPI document at <c>/api/v1/openapi.json</c>. Callers authenticate with an API token
/// (<c>Authorization: Bearer</c>); see docs/api.md.
/// </summary>
public static class RungApi
{
    /// <summary>The route prefix.</summary>
    public const string Prefix = "/api/v1";

    /// <summary>The largest request body accepted, in bytes (1 MiB): a full batch of cases fits well inside it.</summary>
    public const int MaxBodyBytes = 1 << 20;

    /// <summary>The most cases or outcomes in one batch.</summary>
    public const int MaxBatch = 500;

    /// <summary>Page size when a list request names none.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The largest page a list request may ask for.</summary>
    public const int MaxPageSize = 500;

    /// <summary>How many of the newest alarms a list looks through.</summary>
    internal const int AlarmScanLimit = 10_000;

    /// <summary>
    /// Maps the API onto <paramref name="app"/> over <paramref name="store"/>. Agents whose use case is in
    /// <see cref="ConsoleOptions.UseCases"/> are run by this server (their models resolve against the data folder);
    /// others are read-only here. Call before the app starts.
    /// </summary>
    public static void Map(WebApplication app, IRungDataStore store, ConsoleOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var folder = Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath)) ?? ".";
        var identity = new IdentityService(store, store, new StoreSecurityAlarms(store, "security"), new IdentityOptions(), time);
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        var agents = new ApiAgents(store, store, store, options.UseCases, folder, time, loggers.CreateLogger("Rung.Server.Agents"));
        app.Services.GetService<Data.RunningAgents>()?.Attach(agents);
        app.Lifetime.ApplicationStopped.Register(() => agents.DisposeAsync().AsTask().GetAwaiter().GetResult());
        var services = new ApiServices(store, store, store, identity, agents, time, folder, store, store, store, app.Services.GetService<Security.EdgeFlowGate>());
        var pipeline = new ApiPipeline(services, loggers.CreateLogger("Rung.Server.Api"));

        var endpoints = Endpoints();
        var document = ApiOpenApi.Build([.. endpoints, OpenApiEndpoint(null!)], Schemas());
        endpoints.Add(OpenApiEndpoint(document));
        foreach (var endpoint in endpoints)
        {
            app.MapMethods(endpoint.Pattern, [endpoint.Method], pipeline.Create(endpoint)).WithName(endpoint.OperationId).DisableAntiforgery();
        }
    }

    private static List<ApiEndpoint> Endpoints() =>
    [
        .. AgentsApi.Endpoints(),
        .. CasesApi.Endpoints(),
        .. OutcomesApi.Endpoints(),
        .. ApprovalsApi.Endpoints(),
        .. ExceptionsApi.Endpoints(),
        .. AlarmsApi.Endpoints(),
        .. AuditApi.Endpoints(),
        .. ModelsApi.Endpoints(),
        .. GatesApi.Endpoints(),
        .. Edge.EdgeApi.Endpoints(),
    ];

    private static IEnumerable<(string Name, JsonObject Schema)> Schemas() =>
        [.. ApiSchemas.Common(), .. ModelsApi.Schemas(), .. GatesApi.Schemas(), .. Edge.EdgeSchemas.All()];

    private static ApiEndpoint OpenApiEndpoint(JsonObject document) =>
        new("GET", Prefix + "/openapi.json", "getOpenApi", "meta", "This document", (_, _) => Task.FromResult(ApiResult.Ok(document.DeepClone())), Anonymous: true, Response: "OpenApiDocument");
}
