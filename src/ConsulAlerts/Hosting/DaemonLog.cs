using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Hosting;

/// <summary>Log messages of the daemon's lifecycle. Secrets are reported only as set or not set.</summary>
internal static partial class DaemonLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "consul-alerts {Version} started: API on {AlertAddress}, Consul at {ConsulAddress}, datacenter {Datacenter}, KV prefix {KvPrefix}")]
    public static partial void Started(ILogger logger, string version, string alertAddress, string consulAddress, string? datacenter, string kvPrefix);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug,
        Message = "Consul client settings: TLS {UseTls}, verify certificate {VerifyTls}, CA file {CaFile}, client certificate {ClientCertFile}, " +
                  "TLS server name {TlsServerName}, ACL token {TokenSource}, basic auth {HttpAuthSet}")]
    public static partial void ConsulSettings(ILogger logger, bool useTls, bool verifyTls, string? caFile, string? clientCertFile, string? tlsServerName, string tokenSource, bool httpAuthSet);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug,
        Message = "--watch-checks {WatchChecks} and --watch-events {WatchEvents} are accepted for compatibility; checks and events are always watched natively")]
    public static partial void WatchFlags(ILogger logger, bool watchChecks, bool watchEvents);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "The API listens on {AlertAddress}, beyond loopback, without an API token: anyone who can reach it can trigger re-reads with POST /v1/process/*; set --api-token")]
    public static partial void OpenApi(ILogger logger, string alertAddress);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "The API listens on {AlertAddress}: port {Port} was given for port 0")]
    public static partial void BoundAnyPort(ILogger logger, string alertAddress, int port);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "consul-alerts stopping")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "consul-alerts stopped")]
    public static partial void Stopped(ILogger logger);
}
