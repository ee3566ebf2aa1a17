using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace ConsulAlerts.Notifications.Notifiers.Email;

/// <summary>
/// What went wrong with an SMTP delivery, in words free of the password: 4xx replies and network errors are worth a
/// retry; 5xx replies, a refused login and an untrusted certificate are not.
/// </summary>
internal static class SmtpErrorClassifier
{
    /// <summary>Whether <paramref name="exception"/> is one that MailKit raises for a failed delivery.</summary>
    public static bool IsDeliveryFailure(Exception exception) =>
        exception is SmtpCommandException or SmtpProtocolException or MailKit.Security.AuthenticationException or SslHandshakeException
            or ServiceNotConnectedException or ServiceNotAuthenticatedException or SaslException or SocketException or IOException
            or NotSupportedException;

    /// <summary>The failure for <paramref name="exception"/> (one of <see cref="IsDeliveryFailure"/>).</summary>
    /// <param name="exception">What MailKit raised.</param>
    /// <param name="server">The server as <c>host:port</c>.</param>
    /// <param name="password">The password, removed from any text the server sent back.</param>
    /// <param name="certificateRejected">Whether the certificate validation turned the server's certificate down.</param>
    public static NotifyResult Classify(Exception exception, string server, string? password, bool certificateRejected)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case SmtpCommandException command:
                return Reply((int)command.StatusCode, Scrub(command.Message, password), server, "");
            case MailKit.Security.AuthenticationException { InnerException: SmtpCommandException reply }:
                return Reply((int)reply.StatusCode, Scrub(reply.Message, password), server, " to AUTH");
            case MailKit.Security.AuthenticationException or SaslException:
                return NotifyResult.Failed($"SMTP server {server} refused the login", retryable: false);
            case ServiceNotAuthenticatedException notAuthenticated:
                return NotifyResult.Failed(
                    $"SMTP server {server} requires authentication (set username and password): {Scrub(notAuthenticated.Message, password)}", retryable: false);
            case SslHandshakeException when certificateRejected:
                return NotifyResult.Failed(
                    $"TLS with SMTP server {server} failed: its certificate is not trusted or does not match the host (see tls-ca-file)", retryable: false);
            case SslHandshakeException handshake:
                return NotifyResult.Failed($"TLS handshake with SMTP server {server} failed: {Innermost(handshake).Message}", retryable: true);
            case SocketException socket:
                return NotifyResult.Failed($"could not connect to SMTP server {server}: {socket.SocketErrorCode}", retryable: true);
            case SmtpProtocolException or IOException or ServiceNotConnectedException:
                return NotifyResult.Failed($"connection to SMTP server {server} failed: {Scrub(exception.Message, password)}", retryable: true);
            default:
                return NotifyResult.Failed($"sending through SMTP server {server} failed: {Scrub(exception.Message, password)}", retryable: false);
        }
    }

    private static NotifyResult Reply(int code, string text, string server, string what) =>
        code is >= 400 and <= 499
            ? NotifyResult.Failed(string.Create(CultureInfo.InvariantCulture, $"SMTP server {server} answered {code}{what} (transient): {text}"), retryable: true)
            : NotifyResult.Failed(string.Create(CultureInfo.InvariantCulture, $"SMTP server {server} answered {code}{what}: {text}"), retryable: false);

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is { } inner)
        {
            exception = inner;
        }

        return exception;
    }

    private static string Scrub(string text, string? password) =>
        string.IsNullOrEmpty(password) ? text : text.Replace(password, "***", StringComparison.Ordinal);
}
