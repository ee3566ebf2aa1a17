using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Storage;

/// <summary>Log events of the state writer.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 1800, Level = LogLevel.Error,
        Message = "{Count} write(s) are over Consul's size limits and are not stored (e.g. {Keys})")]
    public static partial void TooLarge(ILogger logger, int count, string keys);

    [LoggerMessage(EventId = 1801, Level = LogLevel.Warning,
        Message = "Consul refused a transaction of {Bytes} bytes as too large; transactions are packed within {Budget} bytes from now on")]
    public static partial void BudgetLowered(ILogger logger, int bytes, int budget);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Information,
        Message = "This daemon no longer leads ({Reason}); {Records} decision(s) and {Writes} write(s) not stored are left to the next leader")]
    public static partial void TermOver(ILogger logger, string reason, int records, int writes);

    [LoggerMessage(EventId = 1804, Level = LogLevel.Error,
        Message = "Writing check state stopped on an unexpected {Error}; {Records} decision(s) and {Writes} write(s) not stored are decided again by the next term")]
    public static partial void WriterFailed(ILogger logger, Exception exception, string error, int records, int writes);

    [LoggerMessage(EventId = 1803, Level = LogLevel.Warning, Message = "Writes still under way after {Timeout} at shutdown; the next leader decides again what was not stored")]
    public static partial void FlushTimedOut(ILogger logger, TimeSpan timeout);
}
