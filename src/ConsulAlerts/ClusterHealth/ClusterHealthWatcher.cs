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
    TimeProvider time)
{
    private readonly ClusterCheckEvaluator _evaluator = new();
    private readonly Lock _gate = new();
    private ClusterObservation? _last;
    private bool _deniedLogged;
    private string? _failure;

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

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var current = config.Current;
            var health = current.Checks.ClusterHealth;
            try
            {
                await RoundAsync(current, health, cancellationToken);
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

            try
            {
                await Task.Delay(health.Interval, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
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
