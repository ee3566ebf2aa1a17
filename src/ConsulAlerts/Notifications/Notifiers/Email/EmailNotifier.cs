using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Templates;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace ConsulAlerts.Notifications.Notifiers.Email;

/// <summary>
/// The <c>email</c> notifier: renders the Go daemon's email (its default HTML template, or the user's Go html
/// template file) and sends it with MailKit over one SMTP connection: one mail per batch, per node
/// (<c>one-per-node</c>) or per alert (<c>one-per-alert</c>), to every receiver. The connection is secured as
/// <c>tls</c> says (<see cref="EmailTlsMode"/>). AUTH is used only when a username is set, and only over an encrypted
/// connection or to a server named <c>localhost</c>, <c>127.0.0.1</c> or <c>::1</c> (the rule of Go's
/// <c>smtp.PlainAuth</c>): otherwise the delivery fails before the password is sent anywhere.
/// </summary>
internal sealed class EmailNotifier(TimeProvider timeProvider, ILogger<EmailNotifier> logger) : INotifier
{
    public const string NotifierName = "email";

    /// <summary>The limit on one delivery (connection and every mail), below the pipeline's 30 s per attempt.</summary>
    internal static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(25);

    /// <summary>The server names to which AUTH may go over a plain connection: Go's <c>smtp.PlainAuth</c> allows these.</summary>
    private static readonly HashSet<string> LocalServerNames = new(StringComparer.OrdinalIgnoreCase) { "localhost", "127.0.0.1", "::1" };

    /// <summary>SASL mechanisms that would take the password for something else (a token) or send no credentials.</summary>
    private static readonly string[] NonPasswordMechanisms = ["XOAUTH2", "OAUTHBEARER", "ANONYMOUS"];

    public string Name => NotifierName;

    public async Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(config);
        var settings = EmailNotifierConfig.From(config);
        if (settings.Error is not null)
        {
            return NotifyResult.Failed(settings.Error, retryable: false);
        }

        if (!SmtpServerTrust.TryCreate(settings.TlsCaFile, out var trust, out var trustError))
        {
            return NotifyResult.Failed(trustError, retryable: false);
        }

        var server = $"{settings.Host}:{settings.Port}";
        var template = LoadTemplate(settings.TemplatePath);
        var mails = EmailComposer.Mails(messages, settings);

        using var timeout = new CancellationTokenSource(SendTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var client = new SmtpClient
        {
            ServerCertificateValidationCallback = trust.Validate,

            // Like the Go daemon (crypto/tls) and the BCL SmtpClient before: no online revocation lookup, which fails
            // wherever the mail server is reachable but the CA's CRL and OCSP hosts are not.
            CheckCertificateRevocation = false,
        };
        try
        {
            if (await ConnectAsync(client, settings, server, config.Name, linked.Token).ConfigureAwait(false) is { } notConnected)
            {
                return notConnected;
            }

            if (await AuthenticateAsync(client, settings, server, config.Name, linked.Token).ConfigureAwait(false) is { } notAuthenticated)
            {
                await QuitAsync(client, linked.Token).ConfigureAwait(false);
                return notAuthenticated;
            }

            var result = await SendAllAsync(client, settings, template, mails, server, trust, linked.Token).ConfigureAwait(false);
            await QuitAsync(client, linked.Token).ConfigureAwait(false);
            return result;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return NotifyResult.Failed($"SMTP server {server} did not answer within {SendTimeout.TotalSeconds:0} s", retryable: true);
        }
        catch (Exception e) when (SmtpErrorClassifier.IsDeliveryFailure(e))
        {
            return SmtpErrorClassifier.Classify(e, server, settings.Password, trust.Rejected);
        }
    }

    /// <summary>Connects as <c>tls</c> says; null when connected, else why not.</summary>
    private async Task<NotifyResult?> ConnectAsync(SmtpClient client, EmailNotifierConfig settings, string server, string notifier, CancellationToken cancellationToken)
    {
        var options = settings.Tls == EmailTlsMode.Implicit || settings.Port == EmailNotifierConfig.ImplicitTlsPort ? SecureSocketOptions.SslOnConnect
            : settings.Tls == EmailTlsMode.Required ? SecureSocketOptions.StartTls
            : SecureSocketOptions.StartTlsWhenAvailable;
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, options, cancellationToken).ConfigureAwait(false);
        }
        catch (NotSupportedException) when (options == SecureSocketOptions.StartTls)
        {
            return NotifyResult.Failed(
                $"notifier {notifier}: SMTP server {server} does not offer STARTTLS, and tls is required; nothing was sent", retryable: false);
        }

        EmailNotifierLog.Connected(logger, server, client.IsSecure);
        return null;
    }

    /// <summary>Authenticates when a username is set and the connection allows it; null when done or not needed, else why not.</summary>
    private async Task<NotifyResult?> AuthenticateAsync(SmtpClient client, EmailNotifierConfig settings, string server, string notifier, CancellationToken cancellationToken)
    {
        if (settings.Username is null)
        {
            return null;
        }

        if (!client.IsSecure && !LocalServerNames.Contains(settings.Host!))
        {
            return NotifyResult.Failed(
                $"notifier {notifier}: the connection to SMTP server {server} is not encrypted (the server offers no STARTTLS), "
                + "so the password is not sent; use a server that offers STARTTLS, implicit TLS (tls = implicit, or port 465), "
                + "or a relay at localhost", retryable: false);
        }

        if (!client.Capabilities.HasFlag(SmtpCapabilities.Authentication))
        {
            // As the BCL SmtpClient did: a server that offers no AUTH decides itself whether it takes the mail.
            EmailNotifierLog.NoAuthOffered(logger, server);
            return null;
        }

        foreach (var mechanism in NonPasswordMechanisms)
        {
            client.AuthenticationMechanisms.Remove(mechanism);
        }

        await client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Sends every mail over the open connection. A refused mail does not stop the others (MailKit resets the
    /// transaction); a lost connection fails the rest.
    /// </summary>
    private async Task<NotifyResult> SendAllAsync(
        SmtpClient client, EmailNotifierConfig settings, GoTemplate template, List<TemplateData> mails, string server, SmtpServerTrust trust, CancellationToken cancellationToken)
    {
        var failures = new List<NotifyResult>();
        foreach (var data in mails)
        {
            using var mail = EmailComposer.Mail(settings, data, Render(template, settings.TemplatePath, data));
            if (!client.IsConnected)
            {
                failures.Add(NotifyResult.Failed($"SMTP server {server} closed the connection", retryable: true));
                continue;
            }

            try
            {
                await client.SendAsync(FormatOptions.Default, mail, cancellationToken).ConfigureAwait(false);
                EmailNotifierLog.Sent(logger, mail.Subject ?? "", mail.To.Count, server);
            }
            catch (Exception e) when (SmtpErrorClassifier.IsDeliveryFailure(e))
            {
                failures.Add(SmtpErrorClassifier.Classify(e, server, settings.Password, trust.Rejected));
            }
        }

        return failures.Count switch
        {
            0 => NotifyResult.Ok,
            _ when mails.Count == 1 => failures[0],
            _ => NotifyResult.Failed(
                $"{failures.Count} of {mails.Count} mails failed; first: {failures[0].Error}",
                retryable: failures.TrueForAll(f => f.Retryable)),
        };
    }

    /// <summary>Says QUIT; the mails are delivered already, so a server that closes badly changes nothing.</summary>
    private static async Task QuitAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        if (!client.IsConnected)
        {
            return;
        }

        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (SmtpErrorClassifier.IsDeliveryFailure(e))
        {
        }
    }

    /// <summary>The user's template, or the built-in one when unset, unreadable or invalid (the failure is logged).</summary>
    private GoTemplate LoadTemplate(string? path)
    {
        if (path is null)
        {
            return EmailTemplate.BuiltIn;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            EmailNotifierLog.TemplateUnreadable(logger, path, e.Message);
            return EmailTemplate.BuiltIn;
        }

        try
        {
            // Go's template.ParseFiles names the template after the file.
            return GoTemplate.Parse(Path.GetFileName(path), text, GoTemplateOptions.Html);
        }
        catch (GoTemplateException e)
        {
            EmailNotifierLog.TemplateFailed(logger, path, e.Line, e.Column, e.Detail);
            return EmailTemplate.BuiltIn;
        }
    }

    private string Render(GoTemplate template, string? path, TemplateData data)
    {
        try
        {
            return template.Execute(data);
        }
        catch (GoTemplateException e) when (!ReferenceEquals(template, EmailTemplate.BuiltIn))
        {
            EmailNotifierLog.TemplateFailed(logger, path ?? e.TemplateName, e.Line, e.Column, e.Detail);
            return EmailTemplate.BuiltIn.Execute(data);
        }
    }
}
