using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Queries;
using ConsulAlerts.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace ConsulAlerts.Consul.Blocking;

/// <summary>
/// Runs one blocking query for ever, following Consul's blocking-query rules (docs/ARCHITECTURE.md, "Consul's API"): index 0 first, then the last index (reset to 0
/// when it goes backwards, never 0 otherwise, not even after an error), a <c>wait</c> on every request (shorter right
/// after a failure), pacing by a small token bucket, and exponential backoff with jitter on errors (a Polly retry
/// pipeline built once per loop). Calls the handler on the first answer and whenever the index
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
    private readonly Action<Exception>? _failed;
    private readonly ResiliencePipeline _pipeline;
    private BlockingIndexState _state = BlockingIndexState.Initial;
    private int _failures;
    private int _started;
    private bool _backingOff;
    private bool _handlerFailed;
    private bool _wakeable;
    private TimeSpan _nextDelay;
    private DateTimeOffset? _failingSince;

    /// <param name="name">Names the watch in logs, e.g. <c>health/state/any</c>.</param>
    /// <param name="query">The read, called with the index, wait and consistency to send; e.g. <c>(q, ct) => client.Health.StateAsync(HealthState.Any, q, ct)</c>.</param>
    /// <param name="handler">Called with each changed result, one at a time; if it throws, the result is fetched and delivered again after a backoff.</param>
    /// <param name="options">Wait, index mode, backoff and pacing; null for the defaults.</param>
    /// <param name="logger">Where failures and recoveries go.</param>
    /// <param name="timeProvider">Clock for delays; virtual in tests.</param>
    /// <param name="jitter">Source of values in [0, 1) for backoff jitter; <see cref="Random.Shared"/> by default.</param>
    /// <param name="reachability">Cuts a backoff short when Consul answers any request again; null waits it out.</param>
    /// <param name="answered">Called after every successful answer, changed or not, once the handler is done with it.</param>
    /// <param name="failed">Called with every failure of a read or its handler, before the backoff.</param>
    public BlockingQueryLoop(
        string name,
        Func<QueryOptions, CancellationToken, Task<QueryResult<T>>> query,
        Func<QueryResult<T>, CancellationToken, Task> handler,
        BlockingQueryLoopOptions? options,
        ILogger logger,
        TimeProvider? timeProvider = null,
        Func<double>? jitter = null,
        ConsulReachability? reachability = null,
        Action? answered = null,
        Action<Exception>? failed = null)
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
        _failed = failed;
        _pipeline = BuildPipeline();
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

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // One read and its handling; a failure is retried on the loop's pipeline until one succeeds.
                await _pipeline.ExecuteAsync(static (loop, ct) => new ValueTask(loop.IterateAsync(ct)), this, cancellationToken);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping: a read that failed as the stop came (the pipeline no longer retries it) ends the loop too.
                return;
            }
#pragma warning disable CA1031 // The loop must outlive anything, including a logger that throws.
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                // A last resort (the pipeline handles every failure of a read and its handler, and logging is
                // guarded): do not log, just wait as for any failure and go on.
                _backingOff = true;
                _state = _state.AfterError();
                var failures = Math.Max(1, Volatile.Read(ref _failures));
                var delay = Backoff.Exponential(failures, _options.InitialBackoff, _options.MaxBackoff, _jitter(), _options.BackoffJitter);
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

    /// <summary>One read and, when the index changed, its handling; throws on a failure of either.</summary>
    private async Task IterateAsync(CancellationToken cancellationToken)
    {
        // After an error the backoff already spaced the request; paying the bucket too would only add delay.
        if (!_backingOff)
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
            WaitTime = _backingOff && _options.RecoveryWaitTime < _options.WaitTime ? _options.RecoveryWaitTime : _options.WaitTime,
            Consistency = _options.Consistency,
            Datacenter = _options.Datacenter,
        };

        _handlerFailed = false;
        var result = await _query(request, cancellationToken);

        // The query answered: Consul is back, whatever the handler makes of the result.
        if (Interlocked.Exchange(ref _failures, 0) is var failed and > 0)
        {
            var now = _time.GetUtcNow();
            var outage = now - (_failingSince ?? now);
            _failingSince = null;
            Quietly(() => BlockingQueryLog.Recovered(_logger, _name, failed, outage));
        }

        var (next, changed) = _state.Advance(result.LastIndex, _options.IndexMode);
        if (changed)
        {
            _handlerFailed = true;
            await _handler(result, cancellationToken);
            _handlerFailed = false;
        }

        if (_options.IndexMode == BlockingIndexMode.Raft && _state.Last is { } previous && result.LastIndex < previous)
        {
            Quietly(() => BlockingQueryLog.IndexWentBackwards(_logger, _name, previous, result.LastIndex));
        }

        _state = next;
        _backingOff = false;
        _answered?.Invoke();
    }

    /// <summary>
    /// The loop's retry pipeline: every failure is retried (until the loop's token ends) after the daemon's backoff
    /// (<see cref="Backoff"/>), capped at <see cref="BlockingQueryLoopOptions.UnreachableMaxBackoff"/> while Consul is
    /// unreachable and never shorter than a rate limit's Retry-After; logged once per outage. Polly cannot cut a
    /// retry delay short on an outside signal, so while Consul is unreachable the wait happens in <c>OnRetry</c>
    /// (ending early when any request gets an answer) and Polly's own delay is zero.
    /// </summary>
    private ResiliencePipeline BuildPipeline() =>
        new ResiliencePipelineBuilder { Name = "blocking query " + _name, TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                Name = "blocking query " + _name,
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = _options.InitialBackoff,
                MaxDelay = _options.MaxBackoff,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
                DelayGenerator = args =>
                {
                    var error = args.Outcome.Exception!;
                    var failures = Interlocked.Increment(ref _failures);
                    _state = _state.AfterError();
                    var unreachable = ConsulReachability.IsUnreachableError(error);
                    var cap = unreachable && _options.UnreachableMaxBackoff < _options.MaxBackoff ? _options.UnreachableMaxBackoff : _options.MaxBackoff;
                    var delay = Backoff.Exponential(failures, _options.InitialBackoff, cap, _jitter(), _options.BackoffJitter);
                    if (error is ConsulRateLimitedException { RetryAfter: { } retryAfter } && retryAfter > delay)
                    {
                        delay = retryAfter < _options.MaxBackoff ? retryAfter : _options.MaxBackoff;
                    }

                    _nextDelay = delay;
                    _wakeable = unreachable && _reachability is not null;
                    return ValueTask.FromResult<TimeSpan?>(_wakeable ? TimeSpan.Zero : delay);
                },
                OnRetry = args => new ValueTask(OnRetryAsync(args.Outcome.Exception!, args.Context.CancellationToken)),
            })
            .Build();

    private async Task OnRetryAsync(Exception error, CancellationToken cancellationToken)
    {
        _backingOff = true;
        _failingSince ??= _time.GetUtcNow();
        var failures = Volatile.Read(ref _failures);
        var delay = _nextDelay;
        var kind = error is ConsulException consul ? consul.Kind.ToString() : error.GetType().Name;
        var reason = error.Message;
        var handlerFailed = _handlerFailed;
        if (_failed is { } failed)
        {
            Quietly(() => failed(error));
        }

        Quietly(() =>
        {
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
        });

        if (!_wakeable)
        {
            return;
        }

        if (await _reachability!.DelayAsync(delay, _time, cancellationToken))
        {
            Quietly(() => BlockingQueryLog.WokenByRecovery(_logger, _name));
        }
    }

    /// <summary>Writes a log line; a broken log sink must not turn a success into a failure or stop the retries.</summary>
    private static void Quietly(Action log)
    {
        try
        {
            log();
        }
#pragma warning disable CA1031 // Whatever the sink throws, the loop goes on.
        catch (Exception)
#pragma warning restore CA1031
        {
            // Nothing to do: logging is what failed.
        }
    }
}
