using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Sessions;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Leadership;

/// <summary>
/// Creates the election's Consul session and keeps it alive. A TTL session (no serfHealth, so it does not depend on the
/// node's gossip) that also depends on this daemon's <see cref="LeaderLeaseCheck"/>, renewed at half the TTL the server
/// reports while the check is passed every quarter of its own TTL. It is invalidated when a renew finds it gone, when
/// the check is gone from the agent, or when Consul could not be reached for a whole TTL (of the session, or of the
/// check) since the last confirmation that succeeded: the daemon gives up before Consul can have ended it. A session
/// given up while Consul may still hold it is destroyed before the next one is created, which frees the lock sooner.
/// </summary>
internal sealed class LeaderSessionKeeper
{
    private readonly ConsulClient _client;
    private readonly LeaderElectionOptions _options;
    private readonly string _name;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Action _contacted;
    private readonly LeaderLeaseCheck _check;
    private string? _abandoned;

    /// <param name="client">The Consul client.</param>
    /// <param name="options">TTL, lock-delay and retry timing.</param>
    /// <param name="name">The session's name, shown by <c>consul operator</c> and the UI.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="timeProvider">Clock of renewals.</param>
    /// <param name="contacted">Called whenever Consul answered, for the election's status.</param>
    /// <param name="check">The agent check sessions depend on.</param>
    public LeaderSessionKeeper(ConsulClient client, LeaderElectionOptions options, string name, ILogger logger, TimeProvider timeProvider, Action contacted, LeaderLeaseCheck check)
    {
        _check = check;
        _client = client;
        _options = options;
        _name = name;
        _logger = logger;
        _time = timeProvider;
        _contacted = contacted;
    }

    /// <summary>A new session, renewed from now on until it is invalidated.</summary>
    public async Task<LeaderSession> CreateAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _abandoned) is { } abandoned)
        {
            await _client.Sessions.DestroyAsync(abandoned, cancellationToken: cancellationToken);
            Interlocked.CompareExchange(ref _abandoned, null, abandoned);
        }

        // Passed just before: a session cannot be created on a critical check. The lease counts from each request's
        // sending, so a slow start-up cannot leave it longer than Consul's own view.
        var checkId = await _check.RegisterAsync(cancellationToken);
        var passed = _time.GetTimestamp();
        if (checkId is not null)
        {
            await _check.PassAsync(cancellationToken);
        }

        _contacted();
        var sent = _time.GetTimestamp();
        var id = await _client.Sessions.CreateAsync(
            new SessionOptions
            {
                Name = _name,
                Ttl = _options.SessionTtl,
                LockDelay = _options.LockDelay,
                NodeChecks = [],
                ServiceChecks = checkId is null ? null : [checkId],
            },
            cancellationToken: cancellationToken);
        _contacted();
        var session = new LeaderSession(id, _options.SessionTtl, sent, passed, checkId, _check.Ttl, _time);
        LeadershipLog.SessionCreated(_logger, id, _options.SessionTtl, _options.LockDelay);
        _ = RenewAsync(session, sent);
        if (checkId is not null)
        {
            _ = PassAsync(session, passed);
        }

        return session;
    }

    /// <summary>
    /// Whether the session's lease holds (see <see cref="LeaderSession.LeaseHolds"/>); when it has run out, the session
    /// is given up here and now, which ends the term before the caller does anything more.
    /// </summary>
    public bool Holds(LeaderSession session)
    {
        if (session.LeaseHolds())
        {
            return true;
        }

        Invalidate(session, "its lease ran out: " + session.LeaseState());
        return false;
    }

    /// <summary>Removes the leader check at shutdown (after the session is destroyed); best effort.</summary>
    public Task RemoveCheckAsync(CancellationToken cancellationToken) => _check.DeregisterAsync(cancellationToken);

    /// <summary>
    /// Passes the check every <see cref="LeaderElectionOptions.CheckPassInterval"/> until the session is invalidated.
    /// A check the agent no longer knows (the agent restarted, or someone removed it) ends the session, as Consul does;
    /// failed passes are retried at the same pace until the check's TTL has passed since the last success.
    /// </summary>
    private async Task PassAsync(LeaderSession session, long lastSuccess)
    {
        var token = session.Invalidated;
        var reported = false;
        try
        {
            while (!session.IsInvalidated)
            {
                await Task.Delay(_options.CheckPassInterval, _time, token);
                if (!Holds(session))
                {
                    // Stalled past the check's TTL: Consul may have ended the session, and a pass now would not revive it.
                    break;
                }

                var sent = _time.GetTimestamp();
                try
                {
                    using var timeout = new CancellationTokenSource(_options.CheckPassInterval, _time);
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token);
                    await _check.PassAsync(linked.Token);
                    session.Passed(sent);
                    lastSuccess = sent;
                    reported = false;
                }
                catch (ConsulException ex) when (!ex.IsRetryable && !token.IsCancellationRequested)
                {
                    Invalidate(session, "its leader check " + session.CheckId + " is gone from the agent (" + ex.Message + ")");
                }
                catch (Exception ex) when (!token.IsCancellationRequested && ex is ConsulException or OperationCanceledException or HttpRequestException)
                {
                    if (_time.GetElapsedTime(lastSuccess) >= session.CheckTtl)
                    {
                        Invalidate(session, $"its leader check not passed for its TTL of {session.CheckTtl.TotalSeconds:0.#} s");
                        break;
                    }

                    if (!reported)
                    {
                        reported = true;
                        LeadershipLog.LeaseCheckPassFailed(_logger, session.CheckId ?? "", ex.Message);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // The pass loop must never die silently: anything unexpected ends the session instead.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Invalidate(session, "passing its leader check failed unexpectedly: " + ex.GetType().Name);
        }
    }

    /// <summary>
    /// Renews at TTL/2 until the session is invalidated or the daemon stops (then it is destroyed at shutdown). A
    /// failed renew is retried every <see cref="LeaderElectionOptions.RenewRetryTime"/> until a whole TTL has passed
    /// since the last success, measured from when that request was sent.
    /// </summary>
    private async Task RenewAsync(LeaderSession session, long lastSuccess)
    {
        var token = session.Invalidated;
        var reported = false;
        try
        {
            await Task.Delay(session.Ttl / 2, _time, token);
            while (!session.IsInvalidated)
            {
                var sent = _time.GetTimestamp();
                try
                {
                    using var timeout = new CancellationTokenSource(session.Ttl / 2, _time);
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token);
                    var entry = await _client.Sessions.RenewAsync(session.Id, cancellationToken: linked.Token);
                    _contacted();
                    session.Ttl = entry.TtlDuration ?? session.Ttl;
                    session.Renewed(sent);
                    lastSuccess = sent;
                    reported = false;
                    await Task.Delay(session.Ttl / 2, _time, token);
                }
                catch (ConsulSessionNotFoundException)
                {
                    Invalidate(session, "Consul no longer knows it (expired or destroyed)", gone: true);
                }
                catch (Exception ex) when (!token.IsCancellationRequested && ex is ConsulException or OperationCanceledException or HttpRequestException)
                {
                    if (_time.GetElapsedTime(lastSuccess) >= session.Ttl)
                    {
                        Invalidate(session, $"not renewed for its TTL of {session.Ttl.TotalSeconds:0.#} s");
                        break;
                    }

                    if (!reported)
                    {
                        reported = true;
                        LeadershipLog.RenewFailed(_logger, session.Id, ex.Message);
                    }

                    await Task.Delay(_options.RenewRetryTime, _time, token);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // The renew loop must never die silently: anything unexpected ends the session instead.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Invalidate(session, "renewal failed unexpectedly: " + ex.GetType().Name);
        }
    }

    /// <summary>
    /// Gives the session up for good; <paramref name="gone"/> when Consul no longer has it, else it is destroyed before
    /// the next session is created. The session's token is cancelled last, after the log line.
    /// </summary>
    private void Invalidate(LeaderSession session, string reason, bool gone = false)
    {
        if (session.IsInvalidated)
        {
            return;
        }

        if (!gone)
        {
            Volatile.Write(ref _abandoned, session.Id);
        }

        LeadershipLog.SessionInvalidated(_logger, session.Id, reason);
        session.Invalidate(reason);
    }
}
