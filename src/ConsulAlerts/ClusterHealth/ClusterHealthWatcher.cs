using ConsulAlerts.Configuration;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.ClusterHealth;

/// <summary>
/// Asks Consul about itself every <c>checks/consul-health/interval</c>, in every role (so that a new leader finds the
/// <c>_consul</c> checks where its predecessor left them), hands the resulting checks to the
/// <see cref="ClusterHealthStage"/> and the observation to the last leader's <see cref="ClusterOutageAlerter"/>. One
/// or two requests a round; none while switched off. Never throws but for cancellation.
/// </summary>
internal sealed class ClusterHealthWatcher(
    ClusterProbe probe,
    ClusterHealthStage stage,
    ClusterOutageAlerter alerter,
    AlertsConfigStore config,
    string agentAddress,
    ILogger<ClusterHealthWatcher> logger,
    TimeProvider time) : IDisposable
{
    private readonly ClusterCheckEvaluator _evaluator = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _round = new(1, 1);
    private ClusterObservation? _last;
    private bool _deniedLogged;
    private string? _failure;
    private ClusterHealthConfig? _lastSettings;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ClusterHealthStatus Status
    {
        get
        {
            ClusterObservation? last;
            lock (_gate)
            {
                last = _last;
            }

            return new ClusterHealthStatus(
                config.Current.Checks.ClusterHealth.Enabled,
                last?.At,
                last?.AgentReachable ?? true,
                last?.HasLeader,
                last?.Autopilot?.Servers.Count,
                last?.Autopilot?.FailureTolerance,
                last?.OperatorDenied ?? false,
                alerter.IsLastLeader,
                alerter.Acting);
        }
    }

    /// <summary>
    /// One round now, after any under way: a new leader term calls it before deciding, so that the engine never starts
    /// from checks of a round made before the term (during the outage it may follow), which a short threshold would
    /// confirm before the next round. Gives up after <paramref name="patience"/> (an agent that hangs), leaving the
    /// checks as they were.
    /// </summary>
    public async Task RefreshAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(patience);
        try
        {
            await GuardedRoundAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    public void Dispose() => _round.Dispose();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // A change of these settings takes effect at once, not a whole interval later: switched off, the checks must
        // leave before a threshold lowered in the same breath could confirm one of them.
        void OnChanged(AlertsConfig next)
        {
            if (next.Checks.ClusterHealth != Volatile.Read(ref _lastSettings))
            {
                Volatile.Read(ref _changed).TrySetResult();
            }
        }

        config.Changed += OnChanged;
        try
        {
            await LoopAsync(cancellationToken);
        }
        finally
        {
            config.Changed -= OnChanged;
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var health = config.Current.Checks.ClusterHealth;
            try
            {
                await GuardedRoundAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The loop never dies; a repeated failure is logged once.
                if (_failure != e.GetType().Name)
                {
                    _failure = e.GetType().Name;
                    ClusterHealthLog.ProbeFailed(logger, e.GetType().Name);
                }
            }

            var changed = Volatile.Read(ref _changed).Task;
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                await Task.WhenAny(Task.Delay(health.Interval, time, wait.Token), changed);
                await wait.CancelAsync();
            }

            if (changed.IsCompleted)
            {
                Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
        }
    }

    private async Task GuardedRoundAsync(CancellationToken cancellationToken)
    {
        await _round.WaitAsync(cancellationToken);
        try
        {
            var current = config.Current;
            Volatile.Write(ref _lastSettings, current.Checks.ClusterHealth);
            await RoundAsync(current, current.Checks.ClusterHealth, cancellationToken);
        }
        finally
        {
            _round.Release();
        }
    }

    private async Task RoundAsync(AlertsConfig current, ClusterHealthConfig health, CancellationToken cancellationToken)
    {
        if (!health.Enabled)
        {
            stage.Publish(_evaluator.Evaluate(new ClusterObservation(time.GetUtcNow(), null, null, null, null, false), health, agentAddress));
            return;
        }

        var observation = await probe.ProbeAsync(health, cancellationToken);
        lock (_gate)
        {
            _last = observation;
        }

        if (observation.OperatorDenied && !_deniedLogged)
        {
            _deniedLogged = true;
            ClusterHealthLog.OperatorDenied(logger);
        }

        _failure = null;
        stage.Publish(_evaluator.Evaluate(observation, health, agentAddress));
        await alerter.ObserveAsync(observation, current, cancellationToken);
    }
}
