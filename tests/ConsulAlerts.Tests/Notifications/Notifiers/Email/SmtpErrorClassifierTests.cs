using System.Net.Sockets;
using ConsulAlerts.Notifications.Notifiers.Email;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace ConsulAlerts.Tests.Notifications.Notifiers.Email;

public sealed class SmtpErrorClassifierTests
{
    private const string Server = "mail.example.com:587";
    private const string Password = "pw-SECRET-42";

    public static TheoryData<Exception, bool, string> Failures() => new()
    {
        { new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxBusy, "4.2.1 busy"), true, "answered 450 (transient): 4.2.1 busy" },
        { new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, "5.1.1 unknown"), false, "answered 550: 5.1.1 unknown" },
        { new SmtpCommandException(SmtpErrorCode.UnexpectedStatusCode, SmtpStatusCode.TransactionFailed, $"rejected {Password}"), false, "answered 554: rejected ***" },
        { new MailKit.Security.AuthenticationException("535", new SmtpCommandException(SmtpErrorCode.UnexpectedStatusCode, (SmtpStatusCode)535, "bad credentials")), false, "answered 535 to AUTH: bad credentials" },
        { new MailKit.Security.AuthenticationException("454", new SmtpCommandException(SmtpErrorCode.UnexpectedStatusCode, (SmtpStatusCode)454, "try later")), true, "answered 454 to AUTH (transient): try later" },
        { new MailKit.Security.AuthenticationException(), false, "refused the login" },
        { new MailKit.ServiceNotAuthenticatedException("5.7.0 Authentication required"), false, "requires authentication (set username and password)" },
        { new SocketException((int)SocketError.ConnectionRefused), true, "could not connect to SMTP server mail.example.com:587: ConnectionRefused" },
        { new IOException("connection reset"), true, "connection to SMTP server mail.example.com:587 failed: connection reset" },
        { new SmtpProtocolException("unexpected reply"), true, "failed: unexpected reply" },
        { new NotSupportedException("No compatible authentication mechanisms found."), false, "No compatible authentication mechanisms found." },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Classify_Failure_IsRetryableOnlyWhenTransientAndNeverQuotesThePassword(Exception exception, bool retryable, string error)
    {
        SmtpErrorClassifier.IsDeliveryFailure(exception).ShouldBeTrue();

        var result = SmtpErrorClassifier.Classify(exception, Server, Password, certificateRejected: false);

        result.Success.ShouldBeFalse();
        result.Retryable.ShouldBe(retryable);
        result.Error.ShouldNotBeNull().ShouldContain(error);
        result.Error.ShouldContain(Server);
        result.Error.ShouldNotContain(Password);
    }

    [Theory]
    [InlineData(true, false, "its certificate is not trusted")]
    [InlineData(false, true, "TLS handshake with SMTP server mail.example.com:587 failed: peer closed")]
    public void Classify_TlsHandshakeFailure_IsFinalOnlyWhenTheCertificateWasRejected(bool rejected, bool retryable, string error)
    {
        var exception = new SslHandshakeException("handshake failed", new IOException("peer closed"));

        var result = SmtpErrorClassifier.Classify(exception, Server, Password, rejected);

        result.Retryable.ShouldBe(retryable);
        result.Error.ShouldNotBeNull().ShouldContain(error);
    }

    [Fact]
    public void IsDeliveryFailure_ProgrammingError_IsNot() =>
        SmtpErrorClassifier.IsDeliveryFailure(new InvalidCastException()).ShouldBeFalse();
}
