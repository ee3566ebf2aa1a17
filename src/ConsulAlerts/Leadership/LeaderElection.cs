using System.Text.Json;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Txn;
using ConsulAlerts.Consul.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace ConsulAlerts.Leadership;

/// <summary>
/// Elects one leader among the daemons sharing a KV prefix with a Consul lock on <c>&lt;prefix&gt;/leader</c>
/// (docs/ARCHITECTURE.md, "Leadership"), holding a session that <see cref="LeaderSessionKeeper"/> creates and renews;
/// a standby waits on the lock key with blocking reads; an acquire refused by lock-delay
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
    private readonly LeaderSessionKeeper _sessions;
    private readonly LockHolder _self;
    private readonly LeaderLock _lock;
    private readonly Lock _gate = new();
    private TaskCompletionSource<LeaderTerm> _elected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LeadershipStatus _status;
    private LeaderSession? _session;
    private LeaderTerm? _term;
    private long _terms;
    private int _failures;
    private TimeSpan _retryDelay;
    private string? _lastHolderSession;

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
        var check = new LeaderLeaseCheck(client, options.CheckTtl, self, kvPrefix, logger);
        _sessions = new LeaderSessionKeeper(client, options, "consul-alerts leader (" + LockKey + ")", logger, timeProvider, Contacted, check);
        _self = self;
        var value = JsonSerializer.SerializeToUtf8Bytes(self, LeadershipJsonContext.Default.LockHolder);
        _lock = new LeaderLock(client, LockKey, value, options, logger, timeProvider, _jitter, Contacted, SeeHolder);
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
                session = await CreateSessionAsync(stoppingToken);
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, session.Invalidated);
            var index = await _lock.AcquireAsync(session, linked.Token);
            BeginTerm(session);
            var reason = await _lock.WatchAsync(session, index, linked.Token);
            EndTerm(reason);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (session is { IsInvalidated: true })
        {
            EndTerm("session " + session.Id + " is no longer valid: " + session.Reason, session.Id);
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
                        await _client.Transport.Reachability.DelayAsync(_retryDelay, _time, args.Context.CancellationToken);
                    }
                },
            })
            .Build();

    private static bool Wakeable(Exception error) => ConsulReachability.IsUnreachableError(error);

    private async Task<LeaderSession> CreateSessionAsync(CancellationToken cancellationToken)
    {
        var session = await _sessions.CreateAsync(cancellationToken);
        lock (_gate)
        {
            _session = session;
            _status = _status with { SessionId = session.Id };
        }

        // Leader work stops the moment the session is given up (inside its cancellation): it may be gone in Consul.
        session.Invalidated.Register(() => OnSessionInvalidated(session));
        return session;
    }

    private void OnSessionInvalidated(LeaderSession session)
    {
        EndTerm("session " + session.Id + " is no longer valid: " + session.Reason, session.Id);
        lock (_gate)
        {
            if (_session == session)
            {
                _session = null;
                _status = _status with { SessionId = null };
            }
        }
    }

    private LeaderTerm BeginTerm(LeaderSession session)
    {
        LeaderTerm term;
        TaskCompletionSource<LeaderTerm> elected;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            term = new LeaderTerm(++_terms, session.Id, LockKey, now, () => _sessions.Holds(session));
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

    /// <summary>Ends the current term; with <paramref name="ofSession"/>, only a term of that session.</summary>
    /// <remarks>
    /// A session's invalidation can be reported after the next session has already won a term (its callbacks and the
    /// election's own pass both report it, in either order): it must not end the newer session's term.
    /// </remarks>
    internal void EndTerm(string reason, string? ofSession = null)
    {
        LeaderTerm? term;
        lock (_gate)
        {
            term = _term;
            if (term is not null && ofSession is not null && term.SessionId != ofSession)
            {
                return;
            }

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
        using var timeout = new CancellationTokenSource(_options.ShutdownTimeout, _time);
        if (session is not null)
        {
            session.Invalidate("the daemon is shutting down");
            try
            {
                if (leading)
                {
                    await _lock.ReleaseAsync(session.Id, timeout.Token);
                }

                await _client.Sessions.DestroyAsync(session.Id, cancellationToken: timeout.Token);
                LeadershipLog.Released(_logger, LockKey, session.Id);
            }
            catch (Exception ex) when (ex is ConsulException or OperationCanceledException or HttpRequestException)
            {
                LeadershipLog.ReleaseFailed(_logger, LockKey, session.Id, ex.Message);
            }
        }

        // After the session: removing the check first would end the session, and the lock with lock-delay.
        await _sessions.RemoveCheckAsync(timeout.Token);
    }
}
