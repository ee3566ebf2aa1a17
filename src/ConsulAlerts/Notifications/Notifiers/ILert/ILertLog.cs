using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Notifiers.ILert;

/// <summary>Log messages of the ilert notifier. The template text is configuration, not a secret.</summary>
internal static partial class ILertLog
{
    [LoggerMessage(EventId = 4150, Level = LogLevel.Error,
        Message = "The ilert incident-key-template is invalid at line {Line}, column {Column}: {Error}; the default key template is used")]
    public static partial void TemplateInvalid(ILogger logger, int line, int column, string error);

    [LoggerMessage(EventId = 4151, Level = LogLevel.Error,
        Message = "The ilert incident-key-template failed for check {Node}/{CheckId} at line {Line}, column {Column}: {Error}; the default key template is used")]
    public static partial void TemplateFailed(ILogger logger, string node, string checkId, int line, int column, string error);
}
