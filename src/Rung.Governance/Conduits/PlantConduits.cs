using System.Globalization;
using System.Net;
using System.Text.Json;
using Rung.Governance.Identity;

namespace Rung.Governance.Conduits;

/// <summary>
/// The plant's zones and conduits as declared in a data folder's <see cref="FileName"/>, and the one check every
/// connection point makes: <see cref="CheckConnect"/> before the server or an edge opens a connection (to a broker, to
/// the server) and <see cref="CheckRequest"/> when the server receives an edge's request. Both resolve the zones of
/// the two ends and ask <see cref="ConduitPolicy.Check"/>, so a flow nobody declared is refused the same way
/// everywhere. Host names are compared as written, never resolved: declare the names the processes connect by.
/// Immutable and thread-safe.
/// </summary>
public sealed class PlantConduits
{
    /// <summary>The file in a data folder that declares zones and conduits.</summary>
    public const string FileName = "conduits.json";

    /// <summary>The process name of the server in a zone's <c>runs</c> list.</summary>
    public const string Server = "server";

    private const string Undeclared = "undeclared";

    /// <summary>Creates the declaration.</summary>
    /// <exception cref="ArgumentException">A conduit names a zone that is not declared, or a field is empty.</exception>
    public PlantConduits(IReadOnlyList<ZoneDeclaration> zones, IReadOnlyList<Conduit> conduits)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(conduits);
        Zones = zones;
        Policy = new ConduitPolicy(conduits);
        foreach (var c in conduits)
        {
            foreach (var zone in new[] { c.FromZone, c.ToZone })
            {
                if (!zones.Any(z => z.Name == zone))
                {
                    throw new ArgumentException($"conduit {c.FromZone} -> {c.ToZone} names zone '{zone}', which is not declared under \"zones\"", nameof(conduits));
                }
            }
        }
    }

    /// <summary>The declared zones.</summary>
    public IReadOnlyList<ZoneDeclaration> Zones { get; }

    /// <summary>The declared conduits, deny by default.</summary>
    public ConduitPolicy Policy { get; }

    /// <summary>The declaration file of a data folder: <c>DIR/conduits.json</c>.</summary>
    public static string PathIn(string dataFolder) => Path.Combine(dataFolder, FileName);

    /// <summary>An edge's process name in a zone's <c>runs</c> list.</summary>
    public static string Edge(string edgeId) => "edge:" + edgeId;

    /// <summary>Reads the data folder's declaration; null when the folder has none (nothing is enforced then).</summary>
    /// <exception cref="ConduitFileException">The file is not a valid declaration; the message names the file and the field.</exception>
    public static PlantConduits? Load(string dataFolder)
    {
        var path = PathIn(dataFolder);
        return File.Exists(path) ? Parse(File.ReadAllText(path), path) : null;
    }

    /// <summary>Parses a declaration; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ConduitFileException">The text is not a valid declaration.</exception>
    public static PlantConduits Parse(string json, string source) => ConduitFile.Parse(json, source);

    /// <summary>The zone a Rung process runs in (<see cref="Server"/> or <see cref="Edge"/>), or null when none declares it.</summary>
    public string? ZoneOfProcess(string process) =>
        Zones.FirstOrDefault(z => z.Runs.Contains(process, StringComparer.Ordinal))?.Name
        ?? (process.StartsWith("edge:", StringComparison.Ordinal) ? Zones.FirstOrDefault(z => z.Runs.Contains("edge:*", StringComparer.Ordinal))?.Name : null);

    /// <summary>The zone whose hosts name <paramref name="host"/> (a name, an address, or an address in a declared range), or null.</summary>
    public string? ZoneOfHost(string host) => Zones.FirstOrDefault(z => z.Hosts.Any(h => HostMatches(h, host)))?.Name;

    /// <summary>The zone whose scopes cover every one of a token's zones, or null.</summary>
    public string? ZoneOfScopes(IReadOnlyList<string> tokenZones)
    {
        ArgumentNullException.ThrowIfNull(tokenZones);
        return tokenZones.Count == 0 ? null : Zones.FirstOrDefault(z => tokenZones.All(t => z.Scopes.Any(s => Identity.Zones.Covers(s, t))))?.Name;
    }

    /// <summary>
    /// Whether <paramref name="process"/> may open a connection to <paramref name="target"/> (<c>mqtt://</c>,
    /// <c>mqtts://</c>, <c>http://</c>, <c>https://</c>): its own zone, the zone of the target's host, and a conduit
    /// between them for that protocol and endpoint.
    /// </summary>
    public FlowCheck CheckConnect(string process, Uri target)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(target);
        var endpoint = Endpoint(target);
        var from = ZoneOfProcess(process);
        var to = ZoneOfHost(target.Host);
        var missing = from is null ? $"'{process}' runs in no declared zone" : to is null ? $"host '{target.Host}' is in no declared zone" : null;
        return Check(from, to, target.Scheme, endpoint, missing);
    }

    /// <summary>
    /// Whether the server (<see cref="Server"/>'s zone) may accept an edge's request: the zone of the caller's token
    /// scopes, the caller's <paramref name="source"/> address among that zone's hosts, and a conduit from that zone
    /// to the server's over <paramref name="protocol"/> to <paramref name="endpoint"/> (the <c>host:port</c> called).
    /// </summary>
    public FlowCheck CheckRequest(IReadOnlyList<string> tokenZones, IPAddress? source, string protocol, string endpoint)
    {
        ArgumentNullException.ThrowIfNull(tokenZones);
        var from = ZoneOfScopes(tokenZones);
        var to = ZoneOfProcess(Server);
        var address = source is { IsIPv4MappedToIPv6: true } ? source.MapToIPv4() : source;
        var sourceText = address?.ToString() ?? "an unknown address";
        var missing = from is null ? $"the token's zones ({string.Join(", ", tokenZones)}) are in no declared zone's scopes"
            : to is null ? "the server runs in no declared zone"
            : address is null || !Zones.First(z => z.Name == from).Hosts.Any(h => HostMatches(h, address.ToString())) ? $"the source {sourceText} is not a host of zone '{from}'"
            : null;
        var check = Check(from, to, protocol, endpoint, missing);
        return check.Allowed ? check : check with { Reason = $"{check.Reason} (request from {sourceText})" };
    }

    /// <summary>The <c>host:port</c> of a URI, with the protocol's default port when it names none.</summary>
    public static string Endpoint(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var port = target.IsDefaultPort || target.Port < 0
            ? target.Scheme.ToLowerInvariant() switch { "mqtt" => 1883, "mqtts" => 8883, "http" => 80, "https" => 443, _ => target.Port }
            : target.Port;
        return string.Create(CultureInfo.InvariantCulture, $"{target.Host}:{port}");
    }

    // The one place a flow is decided: both ends must be in declared zones, then a conduit must declare the flow.
    private FlowCheck Check(string? from, string? to, string protocol, string endpoint, string? missing) =>
        (missing is not null
            ? new FlowCheck(false, $"flow {from ?? Undeclared} -> {to ?? Undeclared} over {protocol} to {endpoint} refused: {missing}")
            : Policy.Check(from!, to!, protocol, endpoint))
        with { FromZone = from, ToZone = to, Protocol = protocol, Endpoint = endpoint };

    private static bool HostMatches(string declared, string host)
    {
        if (string.Equals(declared, host, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return declared.Contains('/', StringComparison.Ordinal)
            ? IPNetwork.TryParse(declared, out var range) && range.Contains(address)
            : IPAddress.TryParse(declared, out var single) && single.Equals(address);
    }
}
