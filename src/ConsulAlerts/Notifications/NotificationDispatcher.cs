using System.Collections.Concurrent;
using System.Threading.Channels;
using ConsulAlerts.Configuration;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications;

/// <summary>
/// Delivers batches to their notifiers, each notifier instance isolated from the others: every instance has its own
/// bounded queue and worker, so a slow or hung notifier only delays its own later deliveries, never another's; each
/// delivery has its own timeout, after which it is abandoned and counted as a retryable failure. Failures are logged
/// with the notifier's name and counted in <see cref="NotificationStats"/>. No retries yet. A delivery whose term has
/// ended before its turn is dropped, not attempted: only the leader sends.
/// </summary>
internal sealed class NotificationDispatcher : INotificationDispatcher, IAsyncDisposable
{
    private readonly Dictionary<string, INotifier> _notifiers;
    private readonly NotificationStats _stats;
    private readonly NotificationDispatcherOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Channel<NotificationDelivery>> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _workers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _reported = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    public NotificationDispatcher(
        IEnumerable<INotifier> notifiers,
        NotificationStats stats,
        NotificationDispatcherOptions options,
        TimeProvider timeProvider,
        ILogger<NotificationDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(notifiers);
        _notifiers = notifiers.ToDictionary(n => n.Name, StringComparer.Ordinal);
        _stats = stats;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public Task DispatchAsync(IReadOnlyList<Message> messages, AlertsConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(config);
        if (messages.Count == 0)
        {
            return Task.CompletedTask;
        }

        var plan = NotifierSelection.Plan(messages, config);
        foreach (var name in plan.UnknownNotifiers)
        {
            if (_reported.TryAdd("unknown\n" + name, true))
            {
                NotificationsLog.UnknownNotifier(_logger, name);
            }
        }

        List<Task>? attempts = null;
        foreach (var planned in plan.Deliveries)
        {
            var delivery = planned with { Cancellation = cancellationToken };
            if (!_notifiers.ContainsKey(delivery.Kind))
            {
                if (_reported.TryAdd("unavailable\n" + delivery.Kind, true))
                {
                    NotificationsLog.NotifierUnavailable(_logger, delivery.Instance);
                }

                continue;
            }

            Enqueue(delivery);
            (attempts ??= []).Add(delivery.Completion.Task);
        }

        return attempts is null ? Task.CompletedTask : Task.WhenAll(attempts);
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        foreach (var queue in _queues.Values)
        {
            queue.Writer.TryComplete();
        }

        await _stopping.CancelAsync();
        await Task.WhenAll(_workers.Values);
        _stopping.Dispose();
    }

    private void Enqueue(NotificationDelivery delivery)
    {
        Channel<NotificationDelivery> queue;
        lock (_gate)
        {
            if (_disposed)
            {
                delivery.Completion.TrySetCanceled(CancellationToken.None);
                return;
            }

            queue = _queues.GetOrAdd(delivery.Instance, instance =>
            {
                var created = Channel.CreateBounded<NotificationDelivery>(new BoundedChannelOptions(_options.QueueCapacity)
                {
                    SingleReader = true,
                    FullMode = BoundedChannelFullMode.Wait,
                });
                _workers[instance] = Task.Run(() => RunAsync(instance, created.Reader));
                return created;
            });
        }

        if (!queue.Writer.TryWrite(delivery))
        {
            var result = NotifyResult.Failed($"queue full ({_options.QueueCapacity} deliveries waiting)", retryable: true);
            _stats.Record(delivery.Instance, delivery.Messages.Count, result, _timeProvider.GetUtcNow());
            NotificationsLog.DeliveryFailed(_logger, delivery.Instance, delivery.Messages.Count, result.Retryable, result.Error!);
            delivery.Completion.TrySetResult();
        }
    }

    private async Task RunAsync(string instance, ChannelReader<NotificationDelivery> reader)
    {
        try
        {
            await foreach (var delivery in reader.ReadAllAsync(_stopping.Token))
            {
                if (delivery.Cancellation.IsCancellationRequested)
                {
                    // Decided in a term that has ended: the next leader sends it from the stored state.
                    delivery.Completion.TrySetCanceled(delivery.Cancellation);
                    continue;
                }

                await DeliverAsync(_notifiers[delivery.Kind], delivery);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down: what is still queued is dropped; its check state still says it is to be sent.
            NotificationsLog.WorkerStopped(_logger, instance);
            while (reader.TryRead(out var dropped))
            {
                dropped.Completion.TrySetCanceled(CancellationToken.None);
            }
        }
    }

    private async Task DeliverAsync(INotifier notifier, NotificationDelivery delivery)
    {
        using var timeout = new CancellationTokenSource(_options.DeliveryTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stopping.Token, delivery.Cancellation);
        NotifyResult result;
        try
        {
            // WaitAsync: a notifier that ignores its token is abandoned at the timeout rather than waited for.
            result = await notifier.NotifyAsync(delivery.Messages, delivery.Config, linked.Token).WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested || delivery.Cancellation.IsCancellationRequested)
        {
            delivery.Completion.TrySetCanceled(CancellationToken.None);
            return;
        }
        catch (OperationCanceledException)
        {
            result = NotifyResult.Failed($"timed out after {_options.DeliveryTimeout.TotalSeconds:0.###} s", retryable: true);
        }
#pragma warning disable CA1031 // A notifier's bug must not stop its queue; the failure is counted and logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // Only the type: exception messages of HTTP clients can carry URLs with keys in them.
            result = NotifyResult.Failed($"unexpected {ex.GetType().Name}", retryable: true);
        }

        _stats.Record(delivery.Instance, delivery.Messages.Count, result, _timeProvider.GetUtcNow());
        if (result.Success)
        {
            NotificationsLog.Delivered(_logger, delivery.Instance, delivery.Messages.Count);
        }
        else
        {
            NotificationsLog.DeliveryFailed(_logger, delivery.Instance, delivery.Messages.Count, result.Retryable, result.Error ?? "failed");
        }

        delivery.Completion.TrySetResult();
    }
}
