using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Rung.Mqtt.Client;

/// <summary>Turns <see cref="MqttTlsOptions"/> into SslStream settings: a private CA trust root and an optional client certificate.</summary>
internal static class TlsSetup
{
    public static SslClientAuthenticationOptions ClientOptions(string host, MqttTlsOptions tls)
    {
        var options = new SslClientAuthenticationOptions { TargetHost = tls.TargetHost ?? host };
        if (tls.CaFile is not null)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(tls.CaFile);
            options.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                certificate is not null
                && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
                && ChainsTo(certificate, roots);
        }

        if (tls.ClientCertificateFile is not null)
        {
            var certificate = tls.ClientCertificateFile.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase)
                || tls.ClientCertificateFile.EndsWith(".p12", StringComparison.OrdinalIgnoreCase)
                ? X509CertificateLoader.LoadPkcs12FromFile(tls.ClientCertificateFile, password: null)
                : X509Certificate2.CreateFromPemFile(tls.ClientCertificateFile, tls.ClientKeyFile);
            options.ClientCertificates = [certificate];
        }

        return options;
    }

    private static bool ChainsTo(X509Certificate certificate, X509Certificate2Collection roots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
