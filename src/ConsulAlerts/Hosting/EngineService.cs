using ConsulAlerts.Api;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Events;
using ConsulAlerts.Leadership;
using ConsulAlerts.Metrics;
using ConsulAlerts.Notifications;
using ConsulAlerts.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Hosting;

/// <summary>
/// Runs the check engine once the configuration has been read. In every role the health watcher follows
/// <c>/v1/health/state/any</c> (<c>POST /v1/process/checks</c> wakes it). As a standby the daemon follows the stored
/// check state; for each leader term it runs the engine's tracker, the reminders and the event handling
/// (<c>POST /v1/process/events</c> wakes it), all stopped the moment the term ends. Standbys do not handle events.
/// </summary>
internal sealed partial class EngineService(
    HealthWatcher watcher,
    EventWatcher events,
    CheckEngine engine,
    CheckStateFollower follower,
    LeaderElection election,
    ReminderScheduler reminders,
    NotificationDispatcher deliveries,
    AlertsConfigStore config,
    ProcessTriggers triggers,
    DaemonMetrics metrics,
    ILogger<EngineService> logger,
    TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan ConfigPatience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(60);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        triggers.ChecksRequested += watcher.RequestRefresh;
        triggers.EventsRequested += events.RequestRefresh;
        try
        {
            // Thresholds, notifiers and profiles come from KV: deciding anything before it is read would use defaults.
            await WaitForConfigAsync(stoppingToken);
            await Task.WhenAll(watcher.RunAsync(stoppingToken), LeadWhenElectedAsync(stoppingToken));
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
                // Deliveries recorded by earlier leaders first: the engine may hand over some of them again.
                await RetryAsync(() => deliveries.ResumeAsync(term, config.Current, leading.Token), LogOutboxUnavailable, leading.Token);

                // The engine decides on a health read made from now on, never on one that may predate an outage.
                var deciding = engine.LeadAsync(term, stoppingToken);
                watcher.RequestRefresh();
                await Task.WhenAll(deciding, StartRemindersAsync(term, leading.Token), events.LeadAsync(term, stoppingToken));
            }
            catch (OperationCanceledException) when (leading.IsCancellationRequested)
            {
            }
            finally
            {
                reminders.Stop();
                if (stoppingToken.IsCancellationRequested && !term.IsOver)
                {
                    // Still leading: attempts under way may finish and be marked done before the lock is released.
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

    /// <summary>Loads the stored reminders for <paramref name="term"/>, retrying until it succeeds or <paramref name="cancellationToken"/> ends.</summary>
    private Task StartRemindersAsync(LeaderTerm term, CancellationToken cancellationToken) =>
        // The term's own token, never disposed: reminders keep it to stop sending the moment the term ends.
        RetryAsync(() => reminders.StartAsync(term.Token).WaitAsync(cancellationToken), LogRemindersUnavailable, cancellationToken);

    /// <summary>Runs <paramref name="step"/> until it succeeds, backing off on Consul errors (the first one logged).</summary>
    private async Task RetryAsync(Func<Task> step, Action<ILogger, string, string> logFirstFailure, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await step();
                return;
            }
            catch (ConsulException ex)
            {
                if (attempt == 1)
                {
                    logFirstFailure(logger, ex.Kind.ToString(), ex.Message);
                }

                await Task.Delay(delay, time, cancellationToken);
                delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
            }
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "No configuration read from Consul after {Patience}; the check engine waits for it")]
    private static partial void LogWaitingForConfig(ILogger logger, TimeSpan patience);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Cannot load reminders from Consul yet ({Kind}: {Reason}); retrying with backoff")]
    private static partial void LogRemindersUnavailable(ILogger logger, string kind, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Cannot read the notification outbox from Consul yet ({Kind}: {Reason}); retrying with backoff")]
    private static partial void LogOutboxUnavailable(ILogger logger, string kind, string reason);
}
