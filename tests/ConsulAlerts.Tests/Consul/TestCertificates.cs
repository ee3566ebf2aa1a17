using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ConsulAlerts.Tests.Consul;

/// <summary>An in-test CA with a server certificate for <c>localhost</c>, <c>consul.test</c> and 127.0.0.1, and a client certificate.</summary>
internal sealed class TestCertificates : IDisposable
{
    public TestCertificates(string commonName = "consul-alerts test CA")
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={commonName}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        Ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        Server = Issue("CN=consul.test", now, san =>
        {
            san.AddDnsName("localhost");
            san.AddDnsName("consul.test");
            san.AddIpAddress(IPAddress.Loopback);
        }, "1.3.6.1.5.5.7.3.1");
        Client = Issue("CN=consul-alerts-client", now, _ => { }, "1.3.6.1.5.5.7.3.2");
    }

    public X509Certificate2 Ca { get; }

    /// <summary>With private key, loadable by Kestrel.</summary>
    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public string CaPem => Ca.ExportCertificatePem();

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
        Client.Dispose();
    }

    private X509Certificate2 Issue(string subject, DateTimeOffset now, Action<SubjectAlternativeNameBuilder> names, string usageOid)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        var san = new SubjectAlternativeNameBuilder();
        names(san);
        request.CertificateExtensions.Add(san.Build());
        var serial = RandomNumberGenerator.GetBytes(8);
        using var issued = request.Create(Ca, now.AddDays(-1), now.AddDays(10), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
