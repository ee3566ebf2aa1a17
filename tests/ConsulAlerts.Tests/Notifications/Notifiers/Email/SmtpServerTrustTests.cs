using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ConsulAlerts.Notifications.Notifiers.Email;
using ConsulAlerts.Tests.Notifications.Testing;

namespace ConsulAlerts.Tests.Notifications.Notifiers.Email;

public sealed class SmtpServerTrustTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static X509Certificate2 SelfSigned(string name = "CN=smtp.test")
    {
        using var key = ECDsa.Create();
        return new CertificateRequest(name, key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private SmtpServerTrust TrustOf(X509Certificate2 certificate)
    {
        var file = Path.Combine(_directory.Path, "ca.pem");
        File.WriteAllText(file, certificate.ExportCertificatePem());
        SmtpServerTrust.TryCreate(file, out var trust, out var error).ShouldBeTrue(error);
        return trust;
    }

    [Theory]
    [InlineData(SslPolicyErrors.None, true)]
    [InlineData(SslPolicyErrors.RemoteCertificateChainErrors, false)]
    [InlineData(SslPolicyErrors.RemoteCertificateNameMismatch, false)]
    [InlineData(SslPolicyErrors.RemoteCertificateNotAvailable, false)]
    public void Validate_SystemRootsOnly_AcceptsOnlyWhatTheSystemAccepts(SslPolicyErrors errors, bool accepted)
    {
        using var certificate = SelfSigned();
        SmtpServerTrust.TryCreate(null, out var trust, out _).ShouldBeTrue();

        trust.Validate(new object(), certificate, null, errors).ShouldBe(accepted);
        trust.Rejected.ShouldBe(!accepted);
    }

    [Fact]
    public void Validate_UnknownRootThatIsATrustedCertificate_IsAccepted()
    {
        using var certificate = SelfSigned();
        var trust = TrustOf(certificate);

        trust.Validate(new object(), certificate, null, SslPolicyErrors.RemoteCertificateChainErrors).ShouldBeTrue();
        trust.Rejected.ShouldBeFalse();
    }

    [Fact]
    public void Validate_TrustedCertificateButNameMismatch_IsRejected()
    {
        using var certificate = SelfSigned();
        var trust = TrustOf(certificate);

        trust.Validate(new object(), certificate, null, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch).ShouldBeFalse();
        trust.Rejected.ShouldBeTrue();
    }

    [Fact]
    public void Validate_CertificateOfAnotherIssuer_IsRejected()
    {
        using var trusted = SelfSigned("CN=trusted");
        using var other = SelfSigned("CN=other");
        var trust = TrustOf(trusted);

        trust.Validate(new object(), other, null, SslPolicyErrors.RemoteCertificateChainErrors).ShouldBeFalse();
        trust.Rejected.ShouldBeTrue();
    }

    [Theory]
    [InlineData("", "holds no certificate")]
    [InlineData("not a certificate", "holds no certificate")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "could not be read as PEM certificates")]
    public void TryCreate_FileWithoutCertificates_SaysWhyNamingTheFile(string text, string problem)
    {
        var file = Path.Combine(_directory.Path, "ca.pem");
        File.WriteAllText(file, text);

        SmtpServerTrust.TryCreate(file, out var trust, out var error).ShouldBeFalse();

        trust.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(file);
        error.ShouldContain(problem);
    }

    [Fact]
    public void TryCreate_MissingFile_SaysWhy()
    {
        var file = Path.Combine(_directory.Path, "missing.pem");

        SmtpServerTrust.TryCreate(file, out _, out var error).ShouldBeFalse();

        error.ShouldNotBeNull().ShouldStartWith($"tls-ca-file {file} could not be read");
    }
}
