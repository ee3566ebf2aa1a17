using System.Collections.Concurrent;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Http;
using Polly;
using Polly.Retry;

namespace ConsulAlerts.Resilience;

/// <summary>
/// The daemon's background retries, on Polly: one named pipeline per <see cref="RetryProfile"/>, built once and
/// shared, retrying until the caller's token ends, with the waits of <see cref="Backoff"/> on the injected
/// <see cref="TimeProvider"/>. Each run names an <see cref="Outage"/> that logs the first failure, the repeats at
/// debug level and the recovery. A guard that no longer holds (<see cref="ConsulConflictException"/>: this daemon
/// no longer leads) is never retried.
/// <para>
/// While Consul is unreachable a wait ends early when any request gets an answer again
/// (<see cref="ConsulReachability"/>). Polly cannot cut its own retry delay short on an outside signal, so for those
/// failures the delay generator hands Polly a zero delay and the wait happens in <c>OnRetry</c>.
/// </para>
/// </summary>
internal sealed class RetryPipelines
{
    /// <summary>Check state, outbox and reminder writes of the leader.</summary>
    public static readonly RetryProfile StateWrites = new("Writing check state and the outbox", TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30), ConsulReachability.RetryCap);

    /// <summary>Removing delivered outbox entries.</summary>
    public static readonly RetryProfile OutboxRemoval = new("Removing delivered outbox entries", TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30), ConsulReachability.RetryCap);

    /// <summary>The reads that start a leader term: outbox, reminders, check state, handled events.</summary>
    public static readonly RetryProfile TermStart = new("Starting the leader term", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), ConsulReachability.RetryCap);

    private static readonly ResiliencePropertyKey<Outage> OutageKey = new("consul-alerts.outage");
    private static readonly ResiliencePropertyKey<TimeSpan?> WakeableWaitKey = new("consul-alerts.wakeable-wait");

    private readonly ConcurrentDictionary<RetryProfile, ResiliencePipeline> _pipelines = new();
    private readonly TimeProvider _time;
    private readonly ConsulReachability? _reachability;
    private readonly Func<double> _random;

    /// <param name="timeProvider">The clock of every wait.</param>
    /// <param name="reachability">Ends waits early when Consul answers again; null waits them out.</param>
    /// <param name="random">Values in [0, 1) for jitter; <see cref="Random.Shared"/> by default.</param>
    public RetryPipelines(TimeProvider timeProvider, ConsulReachability? reachability = null, Func<double>? random = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _reachability = reachability;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>The pipeline of <paramref name="profile"/>, built on first use.</summary>
    public ResiliencePipeline Get(RetryProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return _pipelines.GetOrAdd(profile, Build);
    }

    /// <summary>Runs <paramref name="action"/> until it succeeds, or throws once <paramref name="cancellationToken"/> ends or the error is not retried.</summary>
    public async Task RunAsync(RetryProfile profile, Outage outage, Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outage);
        ArgumentNullException.ThrowIfNull(action);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(OutageKey, outage);
        try
        {
            await Get(profile).ExecuteAsync(static async (ctx, run) => await run(ctx.CancellationToken), context, action);
            outage.Succeeded();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ConsulConflictException && cancellationToken.IsCancellationRequested)
        {
            // The retry stops at cancellation by rethrowing the attempt's own error; callers stop on a cancellation,
            // so an error that merely coincided with the end of their term must not escape as a failure (a writer
            // that took it for a crash stranded every later term's writes).
            throw new OperationCanceledException($"{profile.Name} stopped: {ex.Message}", ex, cancellationToken);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Runs <paramref name="action"/> until it succeeds and returns its result (see <see cref="RunAsync(RetryProfile, Outage, Func{CancellationToken, Task}, CancellationToken)"/>).</summary>
    public async Task<T> RunAsync<T>(RetryProfile profile, Outage outage, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        T result = default!;
        await RunAsync(
            profile,
            outage,
            async ct =>
            {
                result = await action(ct);
            },
            cancellationToken);
        return result;
    }

    /// <summary>Waits <paramref name="delay"/>, or less when Consul answers again after being unreachable.</summary>
    public async Task WaitOrWakeAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (_reachability is null || !_reachability.IsUnreachable)
        {
            await Task.Delay(delay, _time, cancellationToken);
            return;
        }

        await _reachability.DelayAsync(delay, _time, cancellationToken);
    }

    private ResiliencePipeline Build(RetryProfile profile) =>
        new ResiliencePipelineBuilder { Name = profile.Name, TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                Name = profile.Name,
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = profile.Initial,
                MaxDelay = profile.Max,
                Randomizer = _random,
                ShouldHandle = static args => ValueTask.FromResult(
                    args.Outcome.Exception is { } error && !args.Context.CancellationToken.IsCancellationRequested && error is not ConsulConflictException),
                DelayGenerator = args =>
                {
                    var error = args.Outcome.Exception;
                    var delay = profile.Delay(args.AttemptNumber + 1, error, _random());
                    if (_reachability is not null && error is not null && ConsulReachability.IsUnreachableError(error))
                    {
                        args.Context.Properties.Set(WakeableWaitKey, (TimeSpan?)delay);
                        return ValueTask.FromResult<TimeSpan?>(TimeSpan.Zero);
                    }

                    return ValueTask.FromResult<TimeSpan?>(delay);
                },
                OnRetry = async args =>
                {
                    var wakeable = args.Context.Properties.TryGetValue(WakeableWaitKey, out var stored) && stored is not null;
                    var wait = stored ?? args.RetryDelay;

                    if (args.Context.Properties.TryGetValue(OutageKey, out var outage) && args.Outcome.Exception is { } error)
                    {
                        outage.Failed(error, wait);
                    }

                    if (wakeable)
                    {
                        args.Context.Properties.Set(WakeableWaitKey, null);
                        await WaitOrWakeAsync(wait, args.Context.CancellationToken);
                    }
                },
            })
            .Build();
}
