using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Leadership;
using ConsulAlerts.Notifications.Outbox;
using ConsulAlerts.Notifications.Pipeline;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications;

/// <summary>
/// The delivery pipeline. A batch is split into one delivery per notifier instance (<see cref="NotifierSelection"/>),
/// the deliveries of one decision are recorded in the outbox as one batch (<see cref="OutboxRecorder"/>, guarded by
/// the leader's session) before they are queued, and every instance has its own bounded queue and worker, so a slow,
/// hung or failing notifier only delays its own later deliveries, never another's nor the engine. A worker takes its
/// deliveries in order through <see cref="RetryStage"/> (attempts bounded by <see cref="TimeoutStage"/>, each with the
/// notifier's settings in force at that moment, retryable failures retried with backoff) and removes the outbox entry
/// once the delivery has succeeded or failed for good. When the term ends, what has not finished is abandoned and
/// stays in the outbox; the next leader loads it (<see cref="ResumeAsync"/>) and delivers it.
/// </summary>
internal sealed class NotificationDispatcher : INotificationDispatcher, IAsyncDisposable
{
    private readonly Dictionary<string, INotifier> _notifiers;
    private readonly NotificationStats _stats;
    private readonly NotificationDispatcherOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly OutboxRecorder _recorder;
    private readonly DeliverySettings _settings;
    private readonly RetryStage _retry;
    private readonly ConcurrentDictionary<string, Channel<NotificationDelivery>> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _workers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _reported = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<int>> _pending = new(StringComparer.Ordinal);

    // Soft: stop waiting (queues, backoff) but let attempts under way finish. Hard: cancel those too.
    private readonly CancellationTokenSource _soft = new();
    private readonly CancellationTokenSource _hard = new();
    private readonly Lock _gate = new();
    private TermContext? _term;
    private bool _stopping;
    private bool _disposed;

    public NotificationDispatcher(
        IEnumerable<INotifier> notifiers,
        NotificationStats stats,
        NotificationDispatcherOptions options,
        TimeProvider timeProvider,
        ILogger<NotificationDispatcher> logger,
        IOutboxStore? outbox = null,
        AlertsConfigStore? config = null)
    {
        ArgumentNullException.ThrowIfNull(notifiers);
        _notifiers = notifiers.ToDictionary(n => n.Name, StringComparer.Ordinal);
        _stats = stats;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _recorder = new OutboxRecorder(outbox, timeProvider, logger);
        _settings = new DeliverySettings(config);
        _retry = new RetryStage(stats, timeProvider, logger);
    }

    /// <summary>
    /// Starts a leader term: loads the outbox (consistently, so everything the previous leader committed is seen),
    /// removes batches whose writing was cut short, and queues the committed deliveries, with their settings rebuilt
    /// from <paramref name="config"/>, ahead of anything new. Messages found there are remembered, so that the check
    /// engine handing the same decided change over again (it was recorded here but not yet marked sent in the check
    /// state) does not record it twice. Call before the check engine starts deciding for the term.
    /// </summary>
    /// <exception cref="ConsulException">The outbox could not be read; call again.</exception>
    public async Task ResumeAsync(LeaderTerm term, AlertsConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(config);
        var entries = await _recorder.ResumeAsync(term.Guard, cancellationToken);
        var context = new TermContext(term.Guard, term.Token);
        lock (_gate)
        {
            _term = context;
        }

        if (entries.Count > 0)
        {
            NotificationsLog.OutboxResumed(_logger, entries.Count);
        }

        foreach (var entry in entries)
        {
            var settings = _notifiers.ContainsKey(entry.Kind) ? NotifierSelection.ConfigFor(entry.Kind, entry.Notifier, entry.Overrides, config) : null;
            if (settings is null)
            {
                NotificationsLog.OutboxEntryDropped(_logger, entry.Id, entry.Instance);
                _ = _recorder.CompleteAsync(entry.Id, entry.Instance, term.Guard, term.Token, _hard.Token);
                continue;
            }

            Enqueue(new NotificationDelivery(entry.Instance, entry.Kind, settings, entry.Messages)
            {
                Overrides = entry.Overrides,
                Cancellation = term.Token,
                OutboxId = entry.Id,
                Created = entry.Created,
            });
        }
    }

    public async Task DispatchAsync(IReadOnlyList<Message> messages, AlertsConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(config);
        cancellationToken.ThrowIfCancellationRequested();
        TermContext? term;
        lock (_gate)
        {
            term = _term;
        }

        messages = _recorder.Unrecorded(messages);

        if (messages.Count == 0)
        {
            return;
        }

        var plan = NotifierSelection.Plan(messages, config);
        // One line for all the names not reported yet (a profile may list hundreds), and never the names themselves:
        // they are part of a KV value, and the configuration error of the profile's key already points at them.
        var unreported = plan.UnknownNotifiers.Count(name => _reported.TryAdd("unknown\n" + name, true));
        if (unreported > 0)
        {
            NotificationsLog.UnknownNotifiers(_logger, unreported);
        }

        if (_recorder.Enabled && (term is null || term.Token.IsCancellationRequested))
        {
            // Only a leader records deliveries, and only during its term.
            throw new OperationCanceledException("Not leading: deliveries are not recorded.", term?.Token ?? cancellationToken);
        }

        // A recorded delivery lives as long as the term, not as long as the caller (a tracker drained at shutdown).
        var lifetime = term?.Token ?? cancellationToken;
        var now = _timeProvider.GetUtcNow();
        var deliveries = new List<NotificationDelivery>(plan.Deliveries.Count);
        foreach (var planned in plan.Deliveries)
        {
            if (!_notifiers.ContainsKey(planned.Kind))
            {
                if (_reported.TryAdd("unavailable\n" + planned.Kind, true))
                {
                    NotificationsLog.NotifierUnavailable(_logger, planned.Instance);
                }

                continue;
            }

            if (QueuedFor(planned.Instance) >= _options.QueueCapacity)
            {
                _stats.RecordDropped(planned.Instance, planned.Messages.Count, $"queue full ({_options.QueueCapacity} deliveries waiting)", now);
                NotificationsLog.QueueFull(_logger, planned.Instance, _options.QueueCapacity, planned.Messages.Count);
                continue;
            }

            foreach (var part in _recorder.SplitToFit(planned))
            {
                deliveries.Add(part with { Cancellation = lifetime, Created = now });
            }
        }

        if (deliveries.Count == 0)
        {
            return;
        }

        // Recorded before anything is attempted: from here on a crash or failover cannot lose them.
        var recorded = _recorder.Enabled ? await _recorder.RecordAsync(messages, deliveries, term!.Guard, cancellationToken) : deliveries;
        foreach (var delivery in recorded)
        {
            Enqueue(delivery);
        }
    }

    /// <summary>
    /// At shutdown while still leading: takes nothing new, lets attempts under way finish (and their outbox entries be
    /// removed) for at most <see cref="NotificationDispatcherOptions.DrainTimeout"/>, then abandons the rest to the
    /// outbox. Waiting retries are not attempted again.
    /// </summary>
    public async Task DrainAsync()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
        }

        await _soft.CancelAsync();
        var workers = Task.WhenAll(_workers.Values);
        try
        {
            await workers.WaitAsync(_options.DrainTimeout, _timeProvider);
        }
        catch (TimeoutException)
        {
            await _hard.CancelAsync();
        }
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
            _stopping = true;
        }

        foreach (var queue in _queues.Values)
        {
            queue.Writer.TryComplete();
        }

        await _soft.CancelAsync();
        await _hard.CancelAsync();
        await Task.WhenAll(_workers.Values);
        _settings.Dispose();
        _soft.Dispose();
        _hard.Dispose();
    }

    private int QueuedFor(string instance) => _pending.TryGetValue(instance, out var pending) ? Volatile.Read(ref pending.Value) : 0;

    /// <summary>Counts a delivery in (+1) or out (-1) of its instance's queue, the one under way included.</summary>
    private void CountQueued(string instance, int change)
    {
        var pending = _pending.GetOrAdd(instance, static _ => new StrongBox<int>());
        _stats.SetQueued(instance, Interlocked.Add(ref pending.Value, change));
    }

    private void Enqueue(NotificationDelivery delivery)
    {
        Channel<NotificationDelivery> queue;
        lock (_gate)
        {
            if (_stopping)
            {
                delivery.Completion.TrySetCanceled(CancellationToken.None);
                return;
            }

            queue = _queues.GetOrAdd(delivery.Instance, instance =>
            {
                // Unbounded here: capacity is checked before a delivery is recorded, and a recorded one must not be lost.
                var created = Channel.CreateUnbounded<NotificationDelivery>();
                _workers[instance] = Task.Run(() => RunAsync(instance, created.Reader));
                return created;
            });
        }

        CountQueued(delivery.Instance, +1);
        queue.Writer.TryWrite(delivery);
    }

    private async Task RunAsync(string instance, ChannelReader<NotificationDelivery> reader)
    {
        try
        {
            while (await reader.WaitToReadAsync(_soft.Token))
            {
                while (!_soft.IsCancellationRequested && reader.TryRead(out var delivery))
                {
                    if (delivery.Cancellation.IsCancellationRequested)
                    {
                        // Decided in a term that has ended: it stays in the outbox for the next leader.
                        delivery.Completion.TrySetCanceled(delivery.Cancellation);
                        CountQueued(instance, -1);
                        continue;
                    }

                    await ProcessAsync(delivery);
                    CountQueued(instance, -1);
                }
            }
        }
        catch (OperationCanceledException) when (_soft.IsCancellationRequested)
        {
        }

        var left = 0;
        while (reader.TryRead(out var dropped))
        {
            left++;
            dropped.Completion.TrySetCanceled(CancellationToken.None);
            CountQueued(instance, -1);
        }

        NotificationsLog.WorkerStopped(_logger, instance, left);
    }

    private async Task ProcessAsync(NotificationDelivery delivery)
    {
        var notifier = _notifiers[delivery.Kind];
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(_hard.Token, delivery.Cancellation);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(_soft.Token, attempt.Token);
        DeliveryOutcome outcome;
        try
        {
            outcome = await _retry.RunAsync(notifier, delivery, _settings, _options.Retry, _options.DeliveryTimeout, attempt.Token, wait.Token);
        }
        catch (OperationCanceledException)
        {
            delivery.Completion.TrySetCanceled(CancellationToken.None);
            return;
        }

        if (delivery.OutboxId is { } id)
        {
            TermContext? term;
            lock (_gate)
            {
                term = _term;
            }

            if (term is not null && term.Token == delivery.Cancellation)
            {
                await _recorder.CompleteAsync(id, delivery.Instance, term.Guard, term.Token, _hard.Token);
            }
        }

        delivery.Completion.TrySetResult();
    }

    private sealed record TermContext(TxnOperation Guard, CancellationToken Token);
}
