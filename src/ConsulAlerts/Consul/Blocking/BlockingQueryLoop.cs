using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Queries;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Consul.Blocking;

/// <summary>
/// Runs one blocking query for ever, following consul-api.md §1: index 0 first, then the last index (reset to 0
/// when it goes backwards, never 0 otherwise, not even after an error), a <c>wait</c> on every request (shorter right
/// after a failure), pacing by a small token bucket, and exponential backoff with jitter on errors. Calls the handler on the first answer and whenever the index
/// changes. It never dies: failures are caught per iteration and logged once (then again on recovery);
/// it ends only when its token is cancelled. While Consul is merely unreachable the backoff stays short
/// (<see cref="BlockingQueryLoopOptions.UnreachableMaxBackoff"/>) and ends early when any request to Consul gets an
/// answer again (<see cref="ConsulReachability"/>).
/// </summary>
/// <typeparam name="T">The decoded result of the query.</typeparam>
internal sealed class BlockingQueryLoop<T>
{
    private readonly string _name;
    private readonly Func<QueryOptions, CancellationToken, Task<QueryResult<T>>> _query;
    private readonly Func<QueryResult<T>, CancellationToken, Task> _handler;
    private readonly BlockingQueryLoopOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Func<double> _jitter;
    private readonly TokenBucket _bucket;
    private readonly ConsulReachability? _reachability;
    private readonly Action? _answered;
    private BlockingIndexState _state = BlockingIndexState.Initial;
    private int _failures;
    private int _started;

    /// <param name="name">Names the watch in logs, e.g. <c>health/state/any</c>.</param>
    /// <param name="query">The read, called with the index, wait and consistency to send; e.g. <c>(q, ct) => client.Health.StateAsync(HealthState.Any, q, ct)</c>.</param>
    /// <param name="handler">Called with each changed result, one at a time; if it throws, the result is fetched and delivered again after a backoff.</param>
    /// <param name="options">Wait, index mode, backoff and pacing; null for the defaults.</param>
    /// <param name="logger">Where failures and recoveries go.</param>
    /// <param name="timeProvider">Clock for delays; virtual in tests.</param>
    /// <param name="jitter">Source of values in [0, 1) for backoff jitter; <see cref="Random.Shared"/> by default.</param>
    /// <param name="reachability">Cuts a backoff short when Consul answers any request again; null waits it out.</param>
    /// <param name="answered">Called after every successful answer, changed or not, once the handler is done with it.</param>
    public BlockingQueryLoop(
        string name,
        Func<QueryOptions, CancellationToken, Task<QueryResult<T>>> query,
        Func<QueryResult<T>, CancellationToken, Task> handler,
        BlockingQueryLoopOptions? options,
        ILogger logger,
        TimeProvider? timeProvider = null,
        Func<double>? jitter = null,
        ConsulReachability? reachability = null,
        Action? answered = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(logger);
        _name = name;
        _query = query;
        _handler = handler;
        _options = options ?? new BlockingQueryLoopOptions();
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _jitter = jitter ?? Random.Shared.NextDouble;
        _bucket = new TokenBucket(Math.Max(1, _options.RateLimitBurst), _options.RateLimitInterval, _time);
        _reachability = reachability;
        _answered = answered;
    }

    /// <summary>The last index seen, or null before the first successful answer.</summary>
    public ulong? LastIndex => _state.Last;

    /// <summary>Failures since the last success.</summary>
    public int ConsecutiveFailures => Volatile.Read(ref _failures);

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled, then completes normally.</summary>
    /// <exception cref="InvalidOperationException">The loop was already started.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException($"The blocking loop '{_name}' is already running; create one loop per watch.");
        }

        var backingOff = false;
        DateTimeOffset? failingSince = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // After an error the backoff already spaced the request; paying the bucket too would only add delay.
                if (!backingOff)
                {
                    var pace = _bucket.Reserve();
                    if (pace > TimeSpan.Zero)
                    {
                        await Task.Delay(pace, _time, cancellationToken);
                    }
                }

                var request = new QueryOptions
                {
                    WaitIndex = _state.NextIndex,
                    WaitTime = backingOff && _options.RecoveryWaitTime < _options.WaitTime ? _options.RecoveryWaitTime : _options.WaitTime,
                    Consistency = _options.Consistency,
                    Datacenter = _options.Datacenter,
                };

                QueryResult<T> result;
                try
                {
                    result = await _query(request, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    backingOff = true;
                    failingSince ??= _time.GetUtcNow();
                    await BackOffAsync(ex, handlerFailed: false, cancellationToken);
                    continue;
                }

                // The query answered: Consul is back, whatever the handler makes of the result.
                if (Interlocked.Exchange(ref _failures, 0) is var failed and > 0)
                {
                    var now = _time.GetUtcNow();
                    var outage = now - (failingSince ?? now);
                    failingSince = null;
                    BlockingQueryLog.Recovered(_logger, _name, failed, outage);
                }

                var (next, changed) = _state.Advance(result.LastIndex, _options.IndexMode);
                if (changed)
                {
                    try
                    {
                        await _handler(result, cancellationToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        backingOff = true;
                        failingSince ??= _time.GetUtcNow();
                        await BackOffAsync(ex, handlerFailed: true, cancellationToken);
                        continue;
                    }
                }

                if (_options.IndexMode == BlockingIndexMode.Raft && _state.Last is { } previous && result.LastIndex < previous)
                {
                    BlockingQueryLog.IndexWentBackwards(_logger, _name, previous, result.LastIndex);
                }

                _state = next;
                backingOff = false;
                _answered?.Invoke();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must outlive anything, including a logger that throws.
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                // Only reachable when logging itself failed: do not log again, just wait as for any failure and go on.
                backingOff = true;
                _state = _state.AfterError();
                var failures = Math.Max(1, Volatile.Read(ref _failures));
                var delay = BlockingBackoff.Compute(failures, _options.InitialBackoff, _options.MaxBackoff, _options.BackoffJitter, _jitter());
                try
                {
                    await Task.Delay(delay, _time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task BackOffAsync(Exception error, bool handlerFailed, CancellationToken cancellationToken)
    {
        var failures = Interlocked.Increment(ref _failures);
        _state = _state.AfterError();
        var unreachable = ConsulReachability.IsUnreachableError(error);
        var cap = unreachable && _options.UnreachableMaxBackoff < _options.MaxBackoff ? _options.UnreachableMaxBackoff : _options.MaxBackoff;
        var delay = BlockingBackoff.Compute(failures, _options.InitialBackoff, cap, _options.BackoffJitter, _jitter());
        if (error is ConsulRateLimitedException { RetryAfter: { } retryAfter } && retryAfter > delay)
        {
            delay = retryAfter < _options.MaxBackoff ? retryAfter : _options.MaxBackoff;
        }

        var kind = error is ConsulException consul ? consul.Kind.ToString() : error.GetType().Name;
        var reason = error.Message;
        if (failures > 1)
        {
            BlockingQueryLog.QueryStillFailing(_logger, _name, failures, kind, reason, delay);
        }
        else if (handlerFailed)
        {
            BlockingQueryLog.HandlerFailed(_logger, error, _name, delay);
        }
        else
        {
            BlockingQueryLog.QueryFailed(_logger, _name, kind, reason, delay);
        }

        if (!unreachable || _reachability is null)
        {
            await Task.Delay(delay, _time, cancellationToken);
            return;
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var elapsed = Task.Delay(delay, _time, waiting.Token);
        var back = _reachability.WhenBackAsync(waiting.Token);
        var first = await Task.WhenAny(elapsed, back);
        await waiting.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        if (first == back)
        {
            BlockingQueryLog.WokenByRecovery(_logger, _name);
        }
    }
}
