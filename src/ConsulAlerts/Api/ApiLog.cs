using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Api;

/// <summary>Log events of the HTTP API. A misbehaving client is worth a debug line, never an error.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Debug,
        Message = "{Method} {Path}: the request body was cut off by the server ({StatusCode}: {Reason}); nothing was processed")]
    public static partial void BodyRejected(ILogger logger, string method, string path, int statusCode, string reason);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Debug, Message = "{Method} {Path}: the client went away before its body was read")]
    public static partial void ClientGone(ILogger logger, string method, string path);
}
