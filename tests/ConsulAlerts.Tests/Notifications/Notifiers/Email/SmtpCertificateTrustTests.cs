using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ConsulAlerts.Notifications.Notifiers.Email;

namespace ConsulAlerts.Tests.Notifications.Notifiers.Email;

public sealed class SmtpCertificateTrustTests
{
    [Theory]
    [InlineData(SslPolicyErrors.None, true)]
    [InlineData(SslPolicyErrors.RemoteCertificateChainErrors, false)]
    [InlineData(SslPolicyErrors.RemoteCertificateNameMismatch, false)]
    public void Validate_OutsideAnEmailDelivery_KeepsTheDefaultValidation(SslPolicyErrors errors, bool accepted)
    {
        using var certificate = SelfSigned();

        SmtpCertificateTrust.Validate(null, new object(), certificate, null, errors).ShouldBe(accepted);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Validate_OutsideAnEmailDelivery_DefersToTheHookItReplaced(bool verdict)
    {
        using var certificate = SelfSigned();
        var asked = 0;

        var accepted = SmtpCertificateTrust.Validate((_, _, _, _) => { asked++; return verdict; }, new object(), certificate, null, SslPolicyErrors.RemoteCertificateChainErrors);

        accepted.ShouldBe(verdict);
        asked.ShouldBe(1);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create();
        return new CertificateRequest("CN=untrusted", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
