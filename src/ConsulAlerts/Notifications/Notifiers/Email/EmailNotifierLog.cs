using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Notifiers.Email;

/// <summary>Log messages of the email notifier; never carries the password.</summary>
internal static partial class EmailNotifierLog
{
    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning,
        Message = "Email template {File} could not be read ({Error}); the built-in template is used")]
    public static partial void TemplateUnreadable(ILogger logger, string file, string error);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning,
        Message = "Email template {File} failed at line {Line}, column {Column}: {Error}; the built-in template is used")]
    public static partial void TemplateFailed(ILogger logger, string file, int line, int column, string error);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Debug, Message = "Connected to SMTP server {Server}, encrypted: {Encrypted}")]
    public static partial void Connected(ILogger logger, string server, bool encrypted);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Debug, Message = "Email {Subject} sent to {Count} receiver(s) through {Server}")]
    public static partial void Sent(ILogger logger, string subject, int count, string server);

    [LoggerMessage(EventId = 5205, Level = LogLevel.Information,
        Message = "SMTP server {Server} offers no AUTH: the mail is sent without logging in")]
    public static partial void NoAuthOffered(ILogger logger, string server);
}
