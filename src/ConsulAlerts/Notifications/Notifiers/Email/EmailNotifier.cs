using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications.Templates;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Notifiers.Email;

/// <summary>
/// The <c>email</c> notifier: renders the Go daemon's email (its default HTML template, or the user's Go html
/// template file) and sends it over SMTP with the BCL <see cref="SmtpClient"/>: one mail per batch, per node
/// (<c>one-per-node</c>) or per alert (<c>one-per-alert</c>), to every receiver. STARTTLS is used when the server
/// offers it (see <see cref="SmtpStartTlsProbe"/>), AUTH only when a username is set.
/// </summary>
internal sealed class EmailNotifier(TimeProvider timeProvider, ILogger<EmailNotifier> logger) : INotifier
{
    public const string NotifierName = "email";

    /// <summary>The limit on one delivery (probe and every mail), below the pipeline's 30 s per attempt.</summary>
    internal static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(25);

    private readonly SmtpStartTlsProbe _probe = new(timeProvider);

    public string Name => NotifierName;

    internal SmtpStartTlsProbe Probe => _probe;

    public async Task<NotifyResult> NotifyAsync(IReadOnlyList<Message> messages, NotifierConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var settings = EmailNotifierConfig.From(config);
        if (settings.Error is not null)
        {
            return NotifyResult.Failed(settings.Error, retryable: false);
        }

        X509Certificate2Collection? anchors = null;
        if (settings.TlsCaFile is not null && !TryLoadAnchors(settings.TlsCaFile, out anchors, out var anchorError))
        {
            return NotifyResult.Failed(anchorError, retryable: false);
        }

        var host = settings.Host!;
        var server = $"{host}:{settings.Port}";
        var template = LoadTemplate(settings.TemplatePath);
        var mails = Mails(messages, settings);

        using var timeout = new CancellationTokenSource(SendTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var failures = new List<NotifyResult>();
        try
        {
            var probe = await _probe.ProbeAsync(host, settings.Port, linked.Token).ConfigureAwait(false);
            EmailNotifierLog.StartTlsProbed(logger, server, probe.StartTls);
            if (probe.Failure is { } failure)
            {
                return failure;
            }

            using var client = new SmtpClient(host, settings.Port)
            {
                DeliveryMethod = SmtpDeliveryMethod.Network,
                EnableSsl = probe.StartTls,
                UseDefaultCredentials = false,
                Credentials = settings.Username is null ? null : new NetworkCredential(settings.Username, settings.Password ?? ""),
            };
            foreach (var data in mails)
            {
                using var mail = Mail(settings, data, Render(template, settings.TemplatePath, data));
                try
                {
                    await SmtpCertificateTrust.SendAsync(client, mail, anchors, linked.Token).ConfigureAwait(false);
                    EmailNotifierLog.Sent(logger, mail.Subject, mail.To.Count, server);
                }
                catch (SmtpException e)
                {
                    _probe.Forget(host, settings.Port);
                    failures.Add(Classify(e, server, settings.Password));
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _probe.Forget(host, settings.Port);
            return NotifyResult.Failed($"SMTP server {server} did not answer within {SendTimeout.TotalSeconds:0} s", retryable: true);
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

    /// <summary>The template data of each mail, as the Go daemon splits a batch.</summary>
    internal static List<TemplateData> Mails(IReadOnlyList<Message> messages, EmailNotifierConfig settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Mode switch
        {
            EmailMode.OnePerAlert => [.. messages.Select(m => TemplateData.From($"{settings.ClusterName} {m.Node} - {m.CheckId}", [m]))],
            EmailMode.OnePerNode => [.. messages.GroupBy(m => m.Node, StringComparer.Ordinal)
                .Select(group => TemplateData.From($"{settings.ClusterName} {group.Key}", [.. group]))],
            _ => [TemplateData.From(settings.ClusterName, messages)],
        };
    }

    /// <summary>The mail: From <c>"alias" &lt;sender&gt;</c>, To every receiver, Subject <c>&lt;cluster&gt; is &lt;status&gt;</c>, UTF-8 HTML.</summary>
    internal static MailMessage Mail(EmailNotifierConfig settings, TemplateData data, string body)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(data);
        var sender = settings.Sender!;
        var mail = new MailMessage
        {
            From = settings.SenderAlias is null ? sender : new MailAddress(sender.Address, HeaderText(settings.SenderAlias), Encoding.UTF8),
            Subject = HeaderText($"{data.ClusterName} is {data.SystemStatus}"),
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            Body = body,
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = TransferEncoding.Base64,
            IsBodyHtml = true,
        };
        foreach (var receiver in settings.Receivers)
        {
            mail.To.Add(receiver);
        }

        return mail;
    }

    /// <summary>Line breaks and other control characters become spaces: header values stay one line (no injection).</summary>
    internal static string HeaderText(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });

    /// <summary>What went wrong in words free of the password: 4xx and network errors retryable, 5xx and TLS trust not.</summary>
    internal static NotifyResult Classify(SmtpException exception, string server, string? password)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var code = (int)exception.StatusCode;
        var text = Scrub(exception.Message, password);
        if (code is >= 400 and <= 499)
        {
            return NotifyResult.Failed($"SMTP server {server} answered {code} (transient): {text}", retryable: true);
        }

        if (code is >= 500 and <= 599)
        {
            return NotifyResult.Failed($"SMTP server {server} answered {code}: {text}", retryable: false);
        }

        for (Exception? inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case AuthenticationException:
                    return NotifyResult.Failed(
                        $"TLS with SMTP server {server} failed: its certificate is not trusted or does not match the host (see tls-ca-file)", retryable: false);
                case SocketException socket:
                    return NotifyResult.Failed($"could not connect to SMTP server {server}: {socket.SocketErrorCode}", retryable: true);
                case IOException:
                    return NotifyResult.Failed($"connection to SMTP server {server} failed: {Scrub(inner.Message, password)}", retryable: true);
                default:
                    break;
            }
        }

        return NotifyResult.Failed($"sending through SMTP server {server} failed: {text}", retryable: true);
    }

    private static string Scrub(string text, string? password) =>
        string.IsNullOrEmpty(password) ? text : text.Replace(password, "***", StringComparison.Ordinal);

    private static bool TryLoadAnchors(string path, out X509Certificate2Collection? anchors, out string error)
    {
        anchors = new X509Certificate2Collection();
        error = "";
        try
        {
            anchors.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            anchors = null;
            error = $"tls-ca-file {path} could not be read as PEM certificates: {e.Message}";
            return false;
        }

        if (anchors.Count == 0)
        {
            anchors = null;
            error = $"tls-ca-file {path} holds no certificate";
            return false;
        }

        return true;
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
