using System.Diagnostics.CodeAnalysis;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ConsulAlerts.Notifications.Notifiers.Email;

/// <summary>
/// Validates the SMTP server's certificate for one delivery, as the client's own validation callback (never a
/// process-wide hook): the system's roots, plus the certificates of <c>tls-ca-file</c> when set. Only an unknown root
/// is forgiven, and only when the chain builds to one of those certificates; the host name must always match.
/// Remembers whether it rejected a certificate, so that a failed handshake can be told apart from a network error.
/// </summary>
internal sealed class SmtpServerTrust
{
    private readonly X509Certificate2Collection? _anchors;

    private SmtpServerTrust(X509Certificate2Collection? anchors) => _anchors = anchors;

    /// <summary>Whether this trust turned a certificate down.</summary>
    public bool Rejected { get; private set; }

    /// <summary>The trust of <paramref name="caFile"/> (PEM certificates) or of the system alone when null; or why the file cannot serve.</summary>
    public static bool TryCreate(string? caFile, [NotNullWhen(true)] out SmtpServerTrust? trust, [NotNullWhen(false)] out string? error)
    {
        trust = null;
        error = null;
        if (caFile is null)
        {
            trust = new SmtpServerTrust(null);
            return true;
        }

        var anchors = new X509Certificate2Collection();
        try
        {
            anchors.ImportFromPemFile(caFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            error = $"tls-ca-file {caFile} could not be read as PEM certificates: {e.Message}";
            return false;
        }

        if (anchors.Count == 0)
        {
            error = $"tls-ca-file {caFile} holds no certificate";
            return false;
        }

        trust = new SmtpServerTrust(anchors);
        return true;
    }

    /// <summary>A <see cref="RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object? sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var accepted = errors == SslPolicyErrors.None || (errors == SslPolicyErrors.RemoteCertificateChainErrors && BuildsToAnAnchor(certificate, chain));
        Rejected |= !accepted;
        return accepted;
    }

    private bool BuildsToAnAnchor(X509Certificate? certificate, X509Chain? chain)
    {
        if (_anchors is null || certificate is null)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_anchors);

        // As the system validation here: no revocation check (see the notifier).
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
