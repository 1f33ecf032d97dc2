namespace Rung.Governance.Conduits;

/// <summary>
/// Deny by default, permit by declaration: a connection is allowed only when a declared <see cref="Conduit"/>
/// matches its source zone, target zone, protocol and endpoint. The server, the MQTT plant connection and the edge
/// runtime call <see cref="Check"/> before they open a connection, and raise an alarm on a refusal.
/// Immutable and thread-safe.
/// </summary>
public sealed class ConduitPolicy
{
    private readonly IReadOnlyList<Conduit> conduits;

    /// <summary>Creates the policy from the declared conduits.</summary>
    /// <exception cref="ArgumentException">A conduit has an empty field.</exception>
    public ConduitPolicy(IEnumerable<Conduit> declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        conduits = [.. declared];
        foreach (var c in conduits)
        {
            if (string.IsNullOrWhiteSpace(c.FromZone) || string.IsNullOrWhiteSpace(c.ToZone) || string.IsNullOrWhiteSpace(c.Protocol) || string.IsNullOrWhiteSpace(c.Endpoint))
            {
                throw new ArgumentException($"conduit {c} has an empty zone, protocol or endpoint", nameof(declared));
            }
        }
    }

    /// <summary>The declared conduits.</summary>
    public IReadOnlyList<Conduit> Conduits => conduits;

    /// <summary>Whether a connection from <paramref name="fromZone"/> to <paramref name="endpoint"/> in <paramref name="toZone"/> over <paramref name="protocol"/> is declared.</summary>
    public FlowCheck Check(string fromZone, string toZone, string protocol, string endpoint)
    {
        ArgumentNullException.ThrowIfNull(fromZone);
        ArgumentNullException.ThrowIfNull(toZone);
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(endpoint);
        var match = conduits.FirstOrDefault(c =>
            string.Equals(c.FromZone, fromZone, StringComparison.Ordinal)
            && string.Equals(c.ToZone, toZone, StringComparison.Ordinal)
            && string.Equals(c.Protocol, protocol, StringComparison.OrdinalIgnoreCase)
            && (c.Endpoint == "*" || string.Equals(c.Endpoint, endpoint, StringComparison.OrdinalIgnoreCase)));
        return match is not null
            ? new FlowCheck(true, $"declared conduit {match.FromZone} -> {match.ToZone} ({match.Protocol} {match.Endpoint})", match)
            : new FlowCheck(false, $"no conduit is declared from zone '{fromZone}' to zone '{toZone}' over {protocol} to {endpoint}; the connection was refused");
    }
}
