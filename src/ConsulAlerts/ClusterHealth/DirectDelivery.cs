using ConsulAlerts.Configuration;
using ConsulAlerts.Notifications;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.ClusterHealth;

/// <summary>
/// Sends one message straight to the notifiers of a configuration, without the outbox: the path of the last leader's
/// acting role, taken only when Consul can record nothing. Each notifier instance gets a few attempts (30 s each,
/// 1 s, 2 s, 4 s apart) on retryable failures; nothing is retried later, since nothing can be recorded.
/// </summary>
internal sealed class DirectDelivery
{
    private const int MaxAttempts = 4;
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, INotifier> _notifiers;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    private readonly DatacenterNaming _naming;

    public DirectDelivery(IEnumerable<INotifier> notifiers, ILogger<DirectDelivery> logger, TimeProvider time, NotificationDispatcherOptions? options = null)
    {
        _naming = options?.Naming ?? DatacenterNaming.Default;
        _notifiers = notifiers.ToDictionary(n => n.Name, StringComparer.Ordinal);
        _logger = logger;
        _time = time;
    }

    /// <summary>Sends <paramref name="message"/>; true when at least one notifier instance took it.</summary>
    public async Task<bool> SendAsync(Message message, AlertsConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(config);
        bool any = false;
        foreach (var delivery in NotifierSelection.Plan([message], config).Deliveries)
        {
            if (!_notifiers.TryGetValue(delivery.Kind, out var notifier))
            {
                continue;
            }

            if (await AttemptAsync(notifier, delivery, cancellationToken))
            {
                ClusterHealthLog.DirectDelivered(_logger, delivery.Instance, message.CheckId, message.Status);
                any = true;
            }
        }

        return any;
    }

    private async Task<bool> AttemptAsync(INotifier notifier, NotificationDelivery delivery, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            NotifyResult result;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(AttemptTimeout);
                try
                {
                    result = await notifier.NotifyAsync(_naming.Stamp(delivery.Messages), delivery.Config, timeout.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    result = NotifyResult.Failed("timed out", retryable: true);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A notifier's exception is named by its type only: its message may hold a URL or a key.
                    result = NotifyResult.Failed(e.GetType().Name, retryable: true);
                }
            }

            if (result.Success)
            {
                return true;
            }

            if (!result.Retryable || attempt == MaxAttempts)
            {
                ClusterHealthLog.DirectFailed(_logger, delivery.Instance, delivery.Messages[0].CheckId, result.Error ?? "failed");
                return false;
            }

            await Task.Delay(TimeSpan.FromSeconds(1 << (attempt - 1)), _time, cancellationToken);
        }
    }
}
