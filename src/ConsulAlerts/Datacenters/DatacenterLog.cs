using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Datacenters;

internal static partial class DatacenterLog
{
    [LoggerMessage(EventId = 9201, Level = LogLevel.Information, Message = "Watching the checks of datacenter {Datacenter} through the local agent")]
    public static partial void WatchStarted(ILogger logger, string datacenter);

    [LoggerMessage(EventId = 9202, Level = LogLevel.Information, Message = "No longer watching datacenter {Datacenter}: Consul no longer lists it")]
    public static partial void WatchStopped(ILogger logger, string datacenter);
}
