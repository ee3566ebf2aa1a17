using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Agent;
using ConsulAlerts.Consul.Errors;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Leadership;

/// <summary>
/// The agent check the leader session depends on: a TTL check on a <c>consul-alerts</c> service of the agent's node,
/// one per daemon process, passed by <see cref="LeaderSessionKeeper"/>. When the daemon dies or stalls, the agent turns
/// it critical after its TTL and Consul ends the session at once, instead of up to twice the session TTL later.
/// A crashed daemon's registration is removed by the agent a minute after it turned critical; a clean shutdown removes
/// it at once. Where the token may not register it (ACL), the session goes without it, said once in the log.
/// </summary>
internal sealed class LeaderLeaseCheck
{
    /// <summary>Check IDs of every daemon's leader check start with this; the daemons never alert on them.</summary>
    public const string CheckIdPrefix = "_consul-alerts-leader:";

    /// <summary>The service the check belongs to (the session's check must be on the agent's node).</summary>
    public const string ServiceName = "consul-alerts";

    // The agent's lower bound for reaping a critical service.
    private const string ReapAfter = "1m";

    private readonly ConsulClient _client;
    private readonly TimeSpan _ttl;
    private readonly string _notes;
    private readonly ILogger _logger;
    private int _refused;
    private int _registered;

    /// <param name="client">The Consul client.</param>
    /// <param name="ttl">The check's TTL; zero disables the check.</param>
    /// <param name="self">Who this daemon is, for the check's notes.</param>
    /// <param name="kvPrefix">The daemon's KV prefix, for the check's notes.</param>
    /// <param name="logger">Logger.</param>
    public LeaderLeaseCheck(ConsulClient client, TimeSpan ttl, LockHolder self, string kvPrefix, ILogger logger)
    {
        _client = client;
        _ttl = ttl;
        _logger = logger;

        // Per process, so two daemons on one node never share a check; a dead one's is reaped by the agent. A GUID, not
        // RandomNumberGenerator: on Linux that loads OpenSSL, which the daemon otherwise never needs without TLS.
        var instance = Guid.NewGuid().ToString("N")[..12];
        ServiceId = ServiceName + "-leader-" + instance;
        CheckId = CheckIdPrefix + instance;
        _notes = $"Passed by consul-alerts on {self.Host} (pid {self.Pid}, KV prefix {kvPrefix}) while it runs; its leader session ends when this check turns critical.";
    }

    public string ServiceId { get; }

    public string CheckId { get; }

    public TimeSpan Ttl => _ttl;

    /// <summary>Whether a daemon's leader check: never alerted on, never shown as a check of the cluster.</summary>
    public static bool IsLeaderCheck(string checkId) => checkId.StartsWith(CheckIdPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Registers (again) the service and its check; null when the session must go without (disabled, or the token may
    /// not register it). A real agent keeps a re-registered TTL check's last status (critical, after a stall) over the
    /// one given, so pass it before a session depends on it.
    /// </summary>
    /// <exception cref="ConsulException">Consul could not be reached or failed; try again.</exception>
    public async Task<string?> RegisterAsync(CancellationToken cancellationToken)
    {
        if (_ttl <= TimeSpan.Zero || Volatile.Read(ref _refused) != 0)
        {
            return null;
        }

        try
        {
            await _client.Agent.RegisterServiceAsync(
                new AgentServiceRegistration
                {
                    ID = ServiceId,
                    Name = ServiceName,
                    Check = new AgentServiceCheck
                    {
                        CheckID = CheckId,
                        Name = "consul-alerts leader lease",
                        Notes = _notes,
                        TTL = GoDuration.ToMilliseconds(_ttl),
                        Status = "passing",
                        DeregisterCriticalServiceAfter = ReapAfter,
                    },
                },
                cancellationToken);
        }
        catch (ConsulException ex) when (ex is ConsulAclException or ConsulNotFoundException || (!ex.IsRetryable && (int?)ex.StatusCode is >= 400 and < 500))
        {
            // Denied, or an agent without the endpoint: a TTL-only session still elects a leader, only slower to replace.
            Volatile.Write(ref _refused, 1);
            LeadershipLog.LeaseCheckRefused(_logger, CheckId, ServiceName, ex.Message);
            return null;
        }

        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            LeadershipLog.LeaseCheckRegistered(_logger, CheckId, _ttl);
        }

        return CheckId;
    }

    /// <exception cref="ConsulException">The check is unknown to the agent (non-retryable) or Consul failed.</exception>
    public Task PassAsync(CancellationToken cancellationToken) => _client.Agent.PassCheckAsync(CheckId, cancellationToken);

    /// <summary>Removes the service and its check at shutdown; best effort.</summary>
    public async Task DeregisterAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _registered) == 0)
        {
            return;
        }

        try
        {
            await _client.Agent.DeregisterServiceAsync(ServiceId, cancellationToken);
        }
        catch (Exception ex) when (ex is ConsulException or OperationCanceledException or HttpRequestException)
        {
            // The agent reaps it a minute after it turns critical.
        }
    }
}
