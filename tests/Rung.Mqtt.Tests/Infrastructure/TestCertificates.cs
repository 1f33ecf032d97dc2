using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Rung.Mqtt.Tests.Infrastructure;

/// <summary>A throwaway CA and a broker certificate for localhost / 127.0.0.1, written as PEM files.</summary>
internal static class TestCertificates
{
    public static (string CaFile, string CertFile, string KeyFile) Write(string directory, string name)
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest($"CN=Rung test CA {name}", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(now.AddYears(-1), now.AddYears(20));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = serverRequest.Create(ca, now.AddYears(-1), now.AddYears(10), [1, 2, 3, 4, 5, 6, 7, 8]);

        var caFile = Path.Combine(directory, $"{name}-ca.pem");
        var certFile = Path.Combine(directory, $"{name}-server.pem");
        var keyFile = Path.Combine(directory, $"{name}-server.key");
        File.WriteAllText(caFile, ca.ExportCertificatePem());
        File.WriteAllText(certFile, server.ExportCertificatePem());
        File.WriteAllText(keyFile, serverKey.ExportPkcs8PrivateKeyPem());
        return (caFile, certFile, keyFile);
    }
}
