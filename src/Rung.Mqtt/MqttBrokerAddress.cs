using System.Diagnostics.CodeAnalysis;

namespace Rung.Mqtt;

/// <summary>A broker address parsed from <c>mqtt://host[:port]</c> (default port 1883) or <c>mqtts://host[:port]</c> (TLS, default 8883).</summary>
/// <param name="Host">Host name or IP address.</param>
/// <param name="Port">TCP port.</param>
/// <param name="UseTls">Whether the scheme was mqtts.</param>
public sealed record MqttBrokerAddress(string Host, int Port, bool UseTls)
{
    /// <summary>Parses a broker URL.</summary>
    /// <exception cref="FormatException">The text is not an mqtt:// or mqtts:// URL with a host and a port from 1 to 65535.</exception>
    public static MqttBrokerAddress Parse(string url) =>
        TryParse(url, out var address, out var error) ? address : throw new FormatException(error);

    /// <summary>Parses a broker URL; <paramref name="error"/> says what is wrong when it returns false.</summary>
    public static bool TryParse(string? url, [NotNullWhen(true)] out MqttBrokerAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            error = $"broker URL '{url}' is not an absolute URL like mqtt://host:1883";
            return false;
        }

        var tls = uri.Scheme switch
        {
            "mqtt" or "tcp" => false,
            "mqtts" or "ssl" => true,
            _ => (bool?)null,
        };
        if (tls is null)
        {
            error = $"broker URL '{url}' has scheme '{uri.Scheme}'; use mqtt:// or mqtts://";
            return false;
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            error = $"broker URL '{url}' has no host";
            return false;
        }

        if (uri.AbsolutePath is not ("/" or "") || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            error = $"broker URL '{url}' may hold only a scheme, a host and a port";
            return false;
        }

        var port = uri.IsDefaultPort || uri.Port < 0 ? (tls.Value ? 8883 : 1883) : uri.Port;
        if (port is < 1 or > 65535)
        {
            error = $"broker URL '{url}' has port {port}; it must be 1 to 65535";
            return false;
        }

        address = new MqttBrokerAddress(uri.IdnHost.Trim('[', ']'), port, tls.Value);
        error = null;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{(UseTls ? "mqtts" : "mqtt")}://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}";
}
