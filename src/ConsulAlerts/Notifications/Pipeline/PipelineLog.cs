using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications.Pipeline;

/// <summary>Log messages of the delivery stages. Never carries notifier settings (they hold secrets).</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(EventId = 5030, Level = LogLevel.Information,
        Message = "Notifier {Notifier}'s settings changed in Consul; its waiting delivery of {Count} message(s) is tried again now with them")]
    public static partial void SettingsChanged(ILogger logger, string notifier, int count);

    [LoggerMessage(EventId = 5031, Level = LogLevel.Warning,
        Message = "Notifier {Notifier} is no longer enabled or configured; its delivery of {Count} message(s) is dropped after {Attempts} attempt(s)")]
    public static partial void NotifierGone(ILogger logger, string notifier, int count, int attempts);
}
