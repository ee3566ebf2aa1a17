using ConsulAlerts.Api;
using ConsulAlerts.Checks;
using ConsulAlerts.ClusterHealth;
using ConsulAlerts.Configuration;
using ConsulAlerts.Datacenters;
using ConsulAlerts.Events;
using ConsulAlerts.Leadership;
using ConsulAlerts.Metrics;
using ConsulAlerts.Notifications;
using ConsulAlerts.Resilience;
using ConsulAlerts.Routing;
using ConsulAlerts.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Hosting;

/// <summary>
/// Runs the check engine once the configuration has been read. In every role the health watcher follows
/// <c>/v1/health/state/any</c> (<c>POST /v1/process/checks</c> wakes it), one more per other datacenter watched, and the
/// cluster-health watcher asks Consul about itself. As a standby the daemon follows the stored
/// check state; for each leader term it runs the engine's tracker, the reminders and the event handling
/// (<c>POST /v1/process/events</c> wakes it), all stopped the moment the term ends. Standbys do not handle events.
/// </summary>
internal sealed partial class EngineService(
    HealthWatcher watcher,
    DatacenterWatcher datacenters,
    ClusterHealthWatcher cluster,
    EventWatcher events,
    CheckEngine engine,
    CheckStateFollower follower,
    LeaderElection election,
    ReminderScheduler reminders,
    NotificationDispatcher deliveries,
    StateWriter writer,
    RetryPipelines retries,
    AlertsConfigStore config,
    ProcessTriggers triggers,
    DaemonMetrics metrics,
    ILogger<EngineService> logger,
    TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan ConfigPatience = TimeSpan.FromSeconds(10);

    /// <summary>At shutdown while still leading, how long decisions already made may take to be stored before the lock is released.</summary>
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long a new term waits for a fresh round of the cluster-health checks before deciding without it.</summary>
    private static readonly TimeSpan ClusterRefreshPatience = TimeSpan.FromSeconds(5);

    private readonly Outage _outboxLoad = new("Reading the notification outbox", logger, time);
    private readonly Outage _remindersLoad = new("Loading reminders", logger, time);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        triggers.ChecksRequested += watcher.RequestRefresh;
        triggers.EventsRequested += events.RequestRefresh;
        try
        {
            // Thresholds, notifiers and profiles come from KV: deciding anything before it is read would use defaults.
            await WaitForConfigAsync(stoppingToken);
            await Task.WhenAll(watcher.RunAsync(stoppingToken), datacenters.RunAsync(stoppingToken), cluster.RunAsync(stoppingToken), LeadWhenElectedAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            triggers.ChecksRequested -= watcher.RequestRefresh;
            triggers.EventsRequested -= events.RequestRefresh;
            reminders.Stop();
        }
    }

    /// <summary>Alternates between standing by (following the stored state) and leading, until the daemon stops.</summary>
    private async Task LeadWhenElectedAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            LeaderTerm term;
            using (var standby = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                var following = follower.RunAsync(standby.Token);
                try
                {
                    term = await election.WaitForTermAsync(stoppingToken);
                    metrics.ObserveTerm(term.Number);
                }
                finally
                {
                    await standby.CancelAsync();
                    await following;
                }
            }

            using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, term.Token);
            try
            {
                // Everything the previous leader committed is read first: its deliveries, then its reminders; the
                // engine decides only after both, on a health read and a round of the cluster-health checks made from
                // now on.
                writer.Begin(term.Guard, term.Token);
                await retries.RunAsync(RetryPipelines.TermStart, _outboxLoad, ct => deliveries.ResumeAsync(term, config.Current, ct), leading.Token);
                await retries.RunAsync(RetryPipelines.TermStart, _remindersLoad, reminders.StartAsync, leading.Token);
                await cluster.RefreshAsync(ClusterRefreshPatience, leading.Token);
                var deciding = engine.LeadAsync(term, stoppingToken);
                watcher.RequestRefresh();
                await Task.WhenAll(deciding, events.LeadAsync(term, stoppingToken));
            }
            catch (OperationCanceledException) when (leading.IsCancellationRequested)
            {
            }
            finally
            {
                reminders.Stop();
                if (stoppingToken.IsCancellationRequested && !term.IsOver)
                {
                    // Still leading: what was decided is stored, and attempts under way may finish and be marked
                    // done, before the lock is released.
                    await writer.FlushAsync(FlushTimeout, time);
                    await deliveries.DrainAsync();
                }
            }
        }
    }

    private async Task WaitForConfigAsync(CancellationToken stoppingToken)
    {
        if (config.Loaded)
        {
            return;
        }

        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(AlertsConfig _) => loaded.TrySetResult();
        config.Changed += OnChanged;
        try
        {
            if (config.Loaded)
            {
                return;
            }

            var patience = Task.Delay(ConfigPatience, time, stoppingToken);
            if (await Task.WhenAny(loaded.Task, patience) == patience)
            {
                await patience; // surfaces cancellation
                LogWaitingForConfig(logger, ConfigPatience);
                await loaded.Task.WaitAsync(stoppingToken);
            }
        }
        finally
        {
            config.Changed -= OnChanged;
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "No configuration read from Consul after {Patience}; the check engine waits for it")]
    private static partial void LogWaitingForConfig(ILogger logger, TimeSpan patience);
}
