using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Notifiers.AwsSns;

/// <summary>Log messages of the <c>awssns</c> notifier. Never carries credentials.</summary>
internal static partial class AwsSnsLog
{
    [LoggerMessage(EventId = 4171, Level = LogLevel.Warning,
        Message = "SNS template {Path} has an error at line {Line}, column {Column}: {Detail}; the default message is sent instead")]
    public static partial void TemplateFailed(ILogger logger, string path, int line, int column, string detail);

    [LoggerMessage(EventId = 4172, Level = LogLevel.Warning,
        Message = "SNS template {Path} cannot be read ({Reason}); the default message is sent instead")]
    public static partial void TemplateUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 4173, Level = LogLevel.Debug, Message = "SNS published {Count} message(s) to {TopicArn}")]
    public static partial void Published(ILogger logger, int count, string topicArn);
}
