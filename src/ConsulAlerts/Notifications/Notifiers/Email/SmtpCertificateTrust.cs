using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ConsulAlerts.Notifications.Notifiers.Email;

/// <summary>
/// Lets one email delivery trust extra certificates (<c>tls-ca-file</c>) for its STARTTLS handshake and nothing else.
/// The BCL <see cref="System.Net.Mail.SmtpClient"/> validates only through the process-wide
/// <c>ServicePointManager.ServerCertificateValidationCallback</c>; the hook installed here keeps the default
/// validation (or the hook it replaced) for every connection, and accepts a certificate whose only fault is an
/// unknown root only inside <see cref="SendAsync"/>'s own asynchronous flow, and only when the chain builds to one of
/// that delivery's trusted certificates. The host name must still match.
/// </summary>
internal static class SmtpCertificateTrust
{
    private static readonly AsyncLocal<X509Certificate2Collection?> Anchors = new();
    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>Sends <paramref name="mail"/>, trusting <paramref name="anchors"/> as roots when not null.</summary>
    public static async Task SendAsync(System.Net.Mail.SmtpClient client, System.Net.Mail.MailMessage mail, X509Certificate2Collection? anchors, CancellationToken cancellationToken)
    {
        if (anchors is not null)
        {
            Install();

            // Set inside this async method: the value flows into the send below and is gone when it returns.
            Anchors.Value = anchors;
        }

        await client.SendMailAsync(mail, cancellationToken).ConfigureAwait(false);
    }

    private static void Install()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

#pragma warning disable SYSLIB0014 // SmtpClient offers no per-client validation hook; this one stays scoped (see above).
            var previous = ServicePointManager.ServerCertificateValidationCallback;
            ServicePointManager.ServerCertificateValidationCallback = (sender, certificate, chain, errors) =>
                Validate(previous, sender, certificate, chain, errors);
#pragma warning restore SYSLIB0014
            _installed = true;
        }
    }

    internal static bool Validate(
        RemoteCertificateValidationCallback? previous, object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var anchors = Anchors.Value;
        if (anchors is null)
        {
            return previous is null ? errors == SslPolicyErrors.None : previous(sender, certificate, chain, errors);
        }

        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(anchors);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (certificate is X509Certificate2 leaf)
        {
            return custom.Build(leaf);
        }

        using var copy = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(copy);
    }
}
