using System.Globalization;
using Microsoft.AspNetCore.Http;
using Rung.Governance.Conduits;
using Rung.Governance.Identity;
using Rung.Server.Api;

namespace Rung.Server.Security;

/// <summary>
/// The server's conduit check on every edge request (<c>/api/v1/edge/...</c>): the zone of the caller's token and its
/// source address must be on a conduit declared to the server's zone (<see cref="PlantConduits.CheckRequest"/>). A
/// refusal is a 403 problem naming the flow, and is alarmed and audited once per flow per period
/// (<see cref="RefusedFlowAlarms"/>). With no declaration (<paramref name="conduits"/> null) every request passes, as
/// before zones and conduits were declared.
/// </summary>
public sealed class EdgeFlowGate(PlantConduits? conduits, RefusedFlowAlarms alarms)
{
    /// <summary>The path prefix of the requests edges make.</summary>
    public const string EdgePath = "/api/v1/edge";

    /// <summary>The declaration enforced, or null when the data folder declares none.</summary>
    public PlantConduits? Conduits => conduits;

    /// <summary>Refuses an edge request that no declared conduit carries; other paths pass.</summary>
    /// <exception cref="ApiProblemException">403 naming the refused flow.</exception>
    internal async Task RequireAsync(HttpContext http, Principal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(principal);
        if (conduits is null || !http.Request.Path.StartsWithSegments(EdgePath, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var scheme = http.Request.Scheme;
        var port = http.Request.Host.Port ?? http.Connection.LocalPort;
        var endpoint = string.Create(CultureInfo.InvariantCulture, $"{http.Request.Host.Host}:{port}");
        var check = conduits.CheckRequest(principal.Zones, http.Connection.RemoteIpAddress, scheme, endpoint);
        if (check.Allowed)
        {
            return;
        }

        await alarms.RaiseAsync(check.Refusal(principal.Id), cancellationToken).ConfigureAwait(false);
        throw new ApiProblemException(403, "Flow refused", $"Refused by the plant's conduits: {check.Reason}. Nothing was stored.");
    }
}
