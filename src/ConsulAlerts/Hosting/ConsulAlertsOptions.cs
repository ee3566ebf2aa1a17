using ConsulAlerts.Consul.Http;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Hosting;

/// <summary>
/// Settings of the consul-alerts daemon, resolved from the command line, the config file and the
/// environment (in that order of precedence) and validated before the daemon starts.
/// </summary>
public sealed record ConsulAlertsOptions
{
    /// <summary>The <c>host:port</c> the HTTP API listens on (<c>--alert-addr</c>); an empty host means every interface.</summary>
    public string AlertAddress { get; init; } = "localhost:9000";

    /// <summary>Minimum level written to the log (<c>--log-level</c>).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    /// <summary>How the log is written (<c>--log-format</c>): lines for people, or JSON lines for log shippers.</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary>Consul KV prefix of configuration and state, without leading or trailing slashes (<c>--kv-prefix</c>).</summary>
    public string KvPrefix { get; init; } = "consul-alerts";

    /// <summary>How to reach Consul.</summary>
    public ConsulClientOptions Consul { get; init; } = new();

    /// <summary>
    /// TTL of the leader's Consul session (<c>--leader-ttl</c>, 10 s to 24 h). Without the leader check (see
    /// <see cref="LeaderCheckTtl"/>), a leader that dies is replaced within about twice this plus
    /// <see cref="LeaderLockDelay"/>, because Consul may wait up to 2×TTL before invalidating.
    /// </summary>
    public TimeSpan LeaderTtl { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// TTL of the agent check the leader's session depends on (<c>--leader-check-ttl</c>, 0 or 2 s to 1 h; 0 turns the
    /// check off): a leader that dies or stalls is replaced about this plus <see cref="LeaderLockDelay"/> later.
    /// </summary>
    public TimeSpan LeaderCheckTtl { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Lock-delay of the leader's session (<c>--leader-lock-delay</c>, 0 to 60 s): after a leader's session is invalidated
    /// (not after a clean release), no daemon can take the lock for this long. Short by default: leader writes are
    /// fenced in their transactions and a leader stops sending when its lease runs out, so a long delay buys little.
    /// </summary>
    public TimeSpan LeaderLockDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>--watch-checks</c>: accepted for compatibility; checks are always watched natively.</summary>
    public bool WatchChecks { get; init; }

    /// <summary><c>--watch-events</c>: accepted for compatibility; events are always watched natively.</summary>
    public bool WatchEvents { get; init; }

    /// <summary>
    /// Bearer token that <c>POST /v1/process/*</c> requires (<c>--api-token</c>); null leaves the API open. Never logged.
    /// </summary>
    public string? ApiToken { get; init; }

    /// <summary>
    /// <c>--pass-consul-token-to-scripts</c>: custom notifiers and event handlers inherit <c>CONSUL_HTTP_TOKEN</c>,
    /// <c>CONSUL_HTTP_TOKEN_FILE</c> and <c>CONSUL_HTTP_AUTH</c> as under the Go daemon; by default they are withheld.
    /// </summary>
    public bool PassConsulTokenToScripts { get; init; }

    /// <summary>The datacenters whose checks are watched (<c>--datacenters</c>); the agent's own only by default.</summary>
    public Datacenters.DatacenterSelection Datacenters { get; init; } = ConsulAlerts.Datacenters.DatacenterSelection.LocalOnly;

    /// <summary>Text for logs: the Consul settings redacted, the API token only as set or not.</summary>
    public override string ToString() =>
        $"ConsulAlertsOptions {{ AlertAddress = {AlertAddress}, LogLevel = {LogLevel}, LogFormat = {LogFormat}, KvPrefix = {KvPrefix}, Consul = {Consul}, " +
        $"LeaderTtl = {LeaderTtl}, LeaderCheckTtl = {LeaderCheckTtl}, LeaderLockDelay = {LeaderLockDelay}, WatchChecks = {WatchChecks}, WatchEvents = {WatchEvents}, PassConsulTokenToScripts = {PassConsulTokenToScripts}, Datacenters = {Datacenters}, " +
        $"ApiToken = {(string.IsNullOrEmpty(ApiToken) ? "(none)" : "(set)")} }}";
}
