namespace Rung.Mqtt;

/// <summary>TLS settings for an mqtts connection. Without a CA file the system trust store validates the broker.</summary>
public sealed record MqttTlsOptions
{
    /// <summary>PEM file with the CA certificate(s) that must sign the broker's certificate; null uses the system store.</summary>
    public string? CaFile { get; init; }

    /// <summary>PEM or PFX client certificate for mutual TLS; null sends none.</summary>
    public string? ClientCertificateFile { get; init; }

    /// <summary>PEM private key of the client certificate, when it is not inside <see cref="ClientCertificateFile"/>.</summary>
    public string? ClientKeyFile { get; init; }

    /// <summary>Name the broker's certificate must carry; defaults to the host name.</summary>
    public string? TargetHost { get; init; }
}
