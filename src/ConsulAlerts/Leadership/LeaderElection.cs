using System.Text.Json;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Queries;
using ConsulAlerts.Consul.Sessions;
using ConsulAlerts.Consul.Txn;
using ConsulAlerts.Consul.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace ConsulAlerts.Leadership;

/// <summary>
/// Elects one leader among the daemons sharing a KV prefix with a Consul lock on <c>&lt;prefix&gt;/leader</c>
/// (docs/ARCHITECTURE.md, "Leadership"). A TTL session with no health checks (so it does not depend on serfHealth) is renewed at half
/// the TTL the server reports; a standby waits on the lock key with blocking reads; an acquire refused by lock-delay
/// is retried after <see cref="LeaderElectionOptions.LockRetryTime"/>. Leadership is lost when the key is deleted or
/// held by another session, or when the session cannot be renewed; the term's token is cancelled at that moment.
/// Consul errors back off with jitter and are logged once per outage; nothing busy-loops and the loop never dies.
/// At shutdown the lock is released (no lock-delay, so a standby takes over at once) and the session destroyed.
/// </summary>
internal sealed class LeaderElection : BackgroundService, ILeaderGuard
{
    private readonly ConsulClient _client;
    private readonly LeaderElectionOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Func<double> _jitter;
    private readonly ResiliencePipeline _pipeline;
    private readonly LockHolder _self;
    private readonly byte[] _lockValue;
    private readonly Lock _gate = new();
    private TaskCompletionSource<LeaderTerm> _elected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LeadershipStatus _status;
    private LeaderSession? _session;
    private LeaderTerm? _term;
    private long _terms;
    private int _failures;
    private TimeSpan _retryDelay;
    private string? _lastHolderSession;
    private string? _abandoned;

    /// <param name="client">The Consul client.</param>
    /// <param name="kvPrefix">The daemon's KV prefix; the lock is <c>&lt;prefix&gt;/leader</c>.</param>
    /// <param name="self">Who this daemon is, written as the lock's value.</param>
    /// <param name="options">Timing.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="timeProvider">Clock of renewals and retries.</param>
    /// <param name="jitter">Values in [0, 1) for backoff jitter; <see cref="Random.Shared"/> by default.</param>
    public LeaderElection(
        ConsulClient client,
        string kvPrefix,
        LockHolder self,
        LeaderElectionOptions options,
        ILogger<LeaderElection> logger,
        TimeProvider timeProvider,
        Func<double>? jitter = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(kvPrefix);
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _client = client;
        _options = options;
        _logger = logger;
        _time = timeProvider;
        _jitter = jitter ?? Random.Shared.NextDouble;
        _pipeline = BuildPipeline();
        LockKey = new Storage.KvLayout(kvPrefix).Leader;
        _self = self;
        _lockValue = JsonSerializer.SerializeToUtf8Bytes(self, LeadershipJsonContext.Default.LockHolder);
        _status = new LeadershipStatus(LeadershipRole.Standby, timeProvider.GetUtcNow(), null, null, null);
    }

    /// <summary>The lock key, e.g. <c>consul-alerts/leader</c>.</summary>
    public string LockKey { get; }

    /// <summary>The election as of now.</summary>
    public LeadershipStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>The running term; null while standing by.</summary>
    public LeaderTerm? CurrentTerm
    {
        get
        {
            lock (_gate)
            {
                return _term is { IsOver: false } term ? term : null;
            }
        }
    }

    public TxnOperation? CurrentGuard => CurrentTerm?.Guard;

    /// <summary>Completes with the next term (at once when leading now). Leader work runs until the term's token is cancelled.</summary>
    public Task<LeaderTerm> WaitForTermAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _term is { IsOver: false } term ? Task.FromResult(term) : _elected.Task.WaitAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // A failed pass is retried on the election's pipeline (backoff with jitter, logged once per outage).
                await _pipeline.ExecuteAsync(static (self, ct) => new ValueTask(self.RunOnceAsync(ct)), this, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await ShutdownAsync();
        }
    }

    /// <summary>One pass: have a session, take the lock (waiting while another holds it), lead until the lock is lost.</summary>
    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        var session = _session;
        try
        {
            if (session is null || session.IsInvalidated)
            {
                if (Volatile.Read(ref _abandoned) is { } abandoned)
                {
                    // Consul may still hold it (we only lost contact): destroying it frees the lock sooner than expiry would.
                    await _client.Sessions.DestroyAsync(abandoned, cancellationToken: stoppingToken);
                    Interlocked.CompareExchange(ref _abandoned, null, abandoned);
                }

                session = await CreateSessionAsync(stoppingToken);
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, session.Invalidated);
            var index = await AcquireAsync(session, linked.Token);
            BeginTerm(session);
            var reason = await MonitorAsync(session, index, linked.Token);
            EndTerm(reason);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (session is { IsInvalidated: true })
        {
            EndTerm("session " + session.Id + " is no longer valid: " + session.Reason);
        }
#pragma warning disable CA1031 // The election must never die: anything else is logged, backed off and retried.
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            EndTerm(ex is ConsulException or JsonException or HttpRequestException
                ? "Consul could not be reached to watch the lock: " + ex.Message
                : "the election failed unexpectedly: " + ex.GetType().Name);
            throw;
        }
    }

    /// <summary>
    /// The election's retry pipeline: a failed pass is retried until the daemon stops, after
    /// <see cref="LeaderElectionOptions.Backoff"/>, the first failure of an outage logged. Polly cannot cut a retry
    /// delay short on an outside signal, so while Consul is unreachable the wait happens in <c>OnRetry</c> (ending
    /// early when any request gets an answer) and Polly's own delay is zero.
    /// </summary>
    private ResiliencePipeline BuildPipeline() =>
        new ResiliencePipelineBuilder { Name = "leader election", TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                Name = "leader election",
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = _options.MinBackoff,
                MaxDelay = _options.MaxBackoff,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
                DelayGenerator = args =>
                {
                    var error = args.Outcome.Exception!;
                    var delay = _options.Backoff(Interlocked.Increment(ref _failures), _jitter(), error);
                    _retryDelay = delay;
                    return ValueTask.FromResult<TimeSpan?>(Wakeable(error) ? TimeSpan.Zero : delay);
                },
                OnRetry = async args =>
                {
                    var error = args.Outcome.Exception!;
                    if (Volatile.Read(ref _failures) == 1)
                    {
                        LeadershipLog.ConsulUnavailable(_logger, error is ConsulException consul ? consul.Kind.ToString() : error.GetType().Name, error.Message, _retryDelay);
                    }

                    if (Wakeable(error))
                    {
                        await WaitOrWakeAsync(_retryDelay, error, args.Context.CancellationToken);
                    }
                },
            })
            .Build();

    private static bool Wakeable(Exception error) => ConsulReachability.IsUnreachableError(error);

    /// <summary>Waits <paramref name="delay"/>, or less when Consul answers any request again after being unreachable.</summary>
    private async Task WaitOrWakeAsync(TimeSpan delay, Exception error, CancellationToken cancellationToken)
    {
        var reachability = _client.Transport.Reachability;
        if (!ConsulReachability.IsUnreachableError(error))
        {
            await Task.Delay(delay, _time, cancellationToken);
            return;
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(Task.Delay(delay, _time, waiting.Token), reachability.WhenBackAsync(waiting.Token));
        await waiting.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task<LeaderSession> CreateSessionAsync(CancellationToken cancellationToken)
    {
        var sent = _time.GetTimestamp();
        var id = await _client.Sessions.CreateAsync(
            new SessionOptions
            {
                Name = "consul-alerts leader (" + LockKey + ")",
                Ttl = _options.SessionTtl,
                LockDelay = _options.LockDelay,
                NodeChecks = [],
            },
            cancellationToken: cancellationToken);
        Contacted();
        var session = new LeaderSession(id, _options.SessionTtl);
        lock (_gate)
        {
            _session = session;
            _status = _status with { SessionId = id };
        }

        LeadershipLog.SessionCreated(_logger, id, _options.SessionTtl, _options.LockDelay);
        _ = RenewAsync(session, sent);
        return session;
    }

    /// <summary>
    /// Renews at TTL/2 until the session is invalidated or the daemon stops (then it is destroyed at shutdown). A
    /// failed renew is retried every <see cref="LeaderElectionOptions.RenewRetryTime"/> until a whole TTL has passed
    /// since the last success, measured from when that request was sent, so the daemon always gives up before Consul
    /// can have expired the session.
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
                    Contacted();
                    session.Ttl = entry.TtlDuration ?? session.Ttl;
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

        // Leader work stops before anything else happens: the session may already be gone in Consul.
        EndTerm("session " + session.Id + " is no longer valid: " + reason);
        session.Invalidate(reason);
        lock (_gate)
        {
            if (_session == session)
            {
                _session = null;
                _status = _status with { SessionId = null };
            }
        }
    }

    /// <summary>Returns the lock key's index once this session holds it.</summary>
    private async Task<ulong> AcquireAsync(LeaderSession session, CancellationToken cancellationToken)
    {
        ulong index = 0;
        while (true)
        {
            var read = await _client.Kv.GetAsync(LockKey, new QueryOptions { WaitIndex = index, WaitTime = _options.LockWaitTime }, cancellationToken);
            Contacted();
            var pair = read.Value;
            index = NextIndex(index, read.LastIndex);
            if (pair is { Session: { Length: > 0 } holder })
            {
                if (holder == session.Id)
                {
                    return index;
                }

                SeeHolder(pair);
                continue;
            }

            if (pair is not null && pair.Flags != LeaderElectionOptions.LockFlagValue && pair.Flags != 0)
            {
                LeadershipLog.NotALock(_logger, LockKey, pair.Flags);
            }

            SeeHolder(null);
            var acquired = await _client.Kv.PutAsync(
                LockKey,
                _lockValue,
                new KvPutOptions { Acquire = session.Id, Flags = LeaderElectionOptions.LockFlagValue },
                cancellationToken);
            Contacted();
            if (acquired)
            {
                var held = await _client.Kv.GetAsync(LockKey, new QueryOptions { Consistency = ConsulConsistency.Consistent }, cancellationToken);
                Contacted();
                if (held.Value?.Session == session.Id)
                {
                    return held.LastIndex;
                }

                index = 0;
                continue;
            }

            // Refused: either someone was faster (wait on the key) or the key is in lock-delay (try again later).
            var again = await _client.Kv.GetAsync(LockKey, QueryOptions.None, cancellationToken);
            Contacted();
            if (again.Value is { Session.Length: > 0 })
            {
                SeeHolder(again.Value);
                index = again.LastIndex;
                continue;
            }

            LeadershipLog.LockDelayed(_logger, LockKey, _options.LockRetryTime);
            await Task.Delay(_options.LockRetryTime, _time, cancellationToken);
            index = 0;
        }
    }

    /// <summary>Watches the held key with consistent blocking reads; returns why the lock was lost.</summary>
    private async Task<string> MonitorAsync(LeaderSession session, ulong index, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            QueryResult<KvPair?> read;
            try
            {
                read = await _client.Kv.GetAsync(
                    LockKey,
                    new QueryOptions { WaitIndex = index, WaitTime = _options.LockWaitTime, Consistency = ConsulConsistency.Consistent },
                    cancellationToken);
            }
            catch (ConsulException ex) when (ex.IsRetryable && !cancellationToken.IsCancellationRequested)
            {
                // A leader keeps leading through short Consul trouble: the session (renewed separately) is what
                // bounds it, and state writes cannot commit meanwhile anyway.
                var delay = _options.Backoff(++failures, _jitter(), ex);
                if (failures == 1)
                {
                    LeadershipLog.ConsulUnavailable(_logger, ex.Kind.ToString(), ex.Message, delay);
                }

                await WaitOrWakeAsync(delay, ex, cancellationToken);
                index = 0;
                continue;
            }

            Contacted();
            if (failures > 0)
            {
                LeadershipLog.ConsulRecovered(_logger, failures);
                failures = 0;
            }

            var pair = read.Value;
            if (pair is null)
            {
                return "the lock key " + LockKey + " was deleted";
            }

            if (pair.Session != session.Id)
            {
                SeeHolder(pair);
                return string.IsNullOrEmpty(pair.Session)
                    ? "the lock " + LockKey + " was released"
                    : "the lock " + LockKey + " is held by session " + pair.Session;
            }

            index = NextIndex(index, read.LastIndex);
        }
    }

    /// <summary>The next blocking index: reset to 0 when the index went backwards, and never an accidental 0.</summary>
    private static ulong NextIndex(ulong previous, ulong next) => next < previous ? 0 : Math.Max(next, 1);

    private LeaderTerm BeginTerm(LeaderSession session)
    {
        LeaderTerm term;
        TaskCompletionSource<LeaderTerm> elected;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            term = new LeaderTerm(++_terms, session.Id, LockKey, now);
            _term = term;
            _status = new LeadershipStatus(LeadershipRole.Leader, now, session.Id, _self with { Session = session.Id }, _status.LastContact);
            elected = _elected;
            _elected = new TaskCompletionSource<LeaderTerm>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _lastHolderSession = session.Id;
        LeadershipLog.BecameLeader(_logger, term.Number, session.Id, LockKey);
        elected.TrySetResult(term);
        return term;
    }

    private void EndTerm(string reason)
    {
        LeaderTerm? term;
        lock (_gate)
        {
            term = _term;
            _term = null;
            if (term is not null)
            {
                _status = _status with { Role = LeadershipRole.Standby, Since = _time.GetUtcNow(), Holder = null };
            }
        }

        if (term is not null && term.End(reason))
        {
            LeadershipLog.LostLeadership(_logger, term.Number, reason);
        }
    }

    private void SeeHolder(KvPair? pair)
    {
        LockHolder? holder = null;
        if (pair is { Session: { Length: > 0 } session })
        {
            try
            {
                holder = (pair.Value is { Length: > 0 } value ? JsonSerializer.Deserialize(value, LeadershipJsonContext.Default.LockHolder) : null) ?? new LockHolder();
            }
            catch (JsonException)
            {
                // Another tool's lock value: the session is still worth showing.
                holder = new LockHolder();
            }

            holder = holder with { Session = session };
        }

        lock (_gate)
        {
            _status = _status with { Holder = holder };
        }

        if (holder is not null && holder.Session != _lastHolderSession)
        {
            _lastHolderSession = holder.Session;
            LeadershipLog.StandingBy(_logger, LockKey, holder.Host.Length > 0 ? $"{holder.Host} pid {holder.Pid} ({holder.Address})" : "another process", holder.Session);
        }
    }

    private void Contacted()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            _status = _status with { LastContact = now };
        }

        if (Interlocked.Exchange(ref _failures, 0) is var failures and > 0)
        {
            LeadershipLog.ConsulRecovered(_logger, failures);
        }
    }

    private async Task ShutdownAsync()
    {
        LeaderSession? session;
        bool leading;
        lock (_gate)
        {
            session = _session;
            leading = _term is not null;
        }

        EndTerm("the daemon is shutting down");
        _elected.TrySetCanceled();
        if (session is null)
        {
            return;
        }

        session.Invalidate("the daemon is shutting down");
        using var timeout = new CancellationTokenSource(_options.ShutdownTimeout, _time);
        try
        {
            if (leading)
            {
                await _client.Kv.PutAsync(LockKey, _lockValue, new KvPutOptions { Release = session.Id, Flags = LeaderElectionOptions.LockFlagValue }, timeout.Token);
            }

            await _client.Sessions.DestroyAsync(session.Id, cancellationToken: timeout.Token);
            LeadershipLog.Released(_logger, LockKey, session.Id);
        }
        catch (Exception ex) when (ex is ConsulException or OperationCanceledException or HttpRequestException)
        {
            LeadershipLog.ReleaseFailed(_logger, LockKey, session.Id, ex.Message);
        }
    }
}
