using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Notifiers.HttpEndpoint;

/// <summary>Log messages of the http-endpoint notifier.</summary>
internal static partial class HttpEndpointLog
{
    [LoggerMessage(EventId = 4210, Level = LogLevel.Error,
        Message = "http-endpoint: the payload template {Field} failed at line {Line}, column {Column}: {Error}; nothing was sent")]
    public static partial void TemplateFailed(ILogger logger, string field, int line, int column, string error);
}
