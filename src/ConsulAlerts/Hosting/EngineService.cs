using ConsulAlerts.Api;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Hosting;

/// <summary>
/// Runs the check engine once the configuration has been read: reminders are loaded from KV, then the health watcher
/// loads the stored check state and follows <c>/v1/health/state/any</c>. <c>POST /v1/process/checks</c> wakes the watcher.
/// </summary>
internal sealed partial class EngineService(
    HealthWatcher watcher,
    ReminderScheduler reminders,
    AlertsConfigStore config,
    ProcessTriggers triggers,
    ILogger<EngineService> logger,
    TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan ConfigPatience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(60);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        triggers.ChecksRequested += watcher.RequestRefresh;
        try
        {
            // Thresholds, notifiers and profiles come from KV: deciding anything before it is read would use defaults.
            await WaitForConfigAsync(stoppingToken);
            await StartRemindersAsync(stoppingToken);
            await watcher.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            triggers.ChecksRequested -= watcher.RequestRefresh;
            reminders.Stop();
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

    private async Task StartRemindersAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await reminders.StartAsync(stoppingToken);
                return;
            }
            catch (ConsulException ex)
            {
                if (attempt == 1)
                {
                    LogRemindersUnavailable(logger, ex.Kind.ToString(), ex.Message);
                }

                await Task.Delay(delay, time, stoppingToken);
                delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
            }
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "No configuration read from Consul after {Patience}; the check engine waits for it")]
    private static partial void LogWaitingForConfig(ILogger logger, TimeSpan patience);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Cannot load reminders from Consul yet ({Kind}: {Reason}); retrying with backoff")]
    private static partial void LogRemindersUnavailable(ILogger logger, string kind, string reason);
}
