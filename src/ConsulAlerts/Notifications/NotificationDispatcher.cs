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
/// each delivery is recorded in the outbox (<see cref="IOutboxStore"/>, guarded by the leader's session) before it is
/// queued, and every instance has its own bounded queue and worker, so a slow, hung or failing notifier only delays its
/// own later deliveries, never another's nor the engine. A worker takes its deliveries in order through
/// <see cref="RetryStage"/> (attempts bounded by <see cref="TimeoutStage"/>, retryable failures retried with backoff)
/// and removes the outbox entry once the delivery has succeeded or failed for good. When the term ends, what has not
/// finished is abandoned and stays in the outbox; the next leader loads it (<see cref="ResumeAsync"/>) and delivers it.
/// </summary>
internal sealed class NotificationDispatcher : INotificationDispatcher, IAsyncDisposable
{
    /// <summary>Largest recorded size of one delivery; a bigger batch is split (Consul limits a transaction to 512 KiB).</summary>
    internal const int MaxEntryBytes = ConsulOutboxStore.MaxTransactionBytes;

    private static readonly TimeSpan MaxRemoveDelay = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, INotifier> _notifiers;
    private readonly NotificationStats _stats;
    private readonly NotificationDispatcherOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IOutboxStore? _outbox;
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
    private HashSet<string> _recorded = new(StringComparer.Ordinal);
    private bool _stopping;
    private bool _disposed;
    private long _sequence;

    public NotificationDispatcher(
        IEnumerable<INotifier> notifiers,
        NotificationStats stats,
        NotificationDispatcherOptions options,
        TimeProvider timeProvider,
        ILogger<NotificationDispatcher> logger,
        IOutboxStore? outbox = null)
    {
        ArgumentNullException.ThrowIfNull(notifiers);
        _notifiers = notifiers.ToDictionary(n => n.Name, StringComparer.Ordinal);
        _stats = stats;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _outbox = outbox;
        _retry = new RetryStage(stats, timeProvider, logger);
    }

    /// <summary>
    /// Starts a leader term: loads the outbox (consistently, so everything the previous leader recorded is seen) and
    /// queues its deliveries, with their settings rebuilt from <paramref name="config"/>, ahead of anything new.
    /// Messages found there are remembered, so that the check engine handing the same decided change over again
    /// (it was recorded here but not yet marked sent in the check state) does not record it twice. Call before the
    /// check engine starts deciding for the term.
    /// </summary>
    /// <exception cref="ConsulException">The outbox could not be read; call again.</exception>
    public async Task ResumeAsync(LeaderTerm term, AlertsConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(config);
        var entries = _outbox is null ? [] : await _outbox.LoadAsync(cancellationToken);
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            foreach (var message in entry.Messages)
            {
                recorded.Add(Identity(message));
            }
        }

        lock (_gate)
        {
            _term = new TermContext(term.Guard, term.Token);
            _recorded = recorded;
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
                _ = RemoveAsync(entry.Id, entry.Instance, new TermContext(term.Guard, term.Token));
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
            if (_recorded.Count > 0)
            {
                var fresh = messages.Where(m => !_recorded.Remove(Identity(m))).ToList();
                if (fresh.Count < messages.Count)
                {
                    NotificationsLog.AlreadyRecorded(_logger, messages.Count - fresh.Count);
                }

                messages = fresh;
            }
        }

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

        if (_outbox is not null && (term is null || term.Token.IsCancellationRequested))
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

            foreach (var part in SplitToFit(planned))
            {
                deliveries.Add(part with
                {
                    Cancellation = lifetime,
                    Created = now,
                    OutboxId = _outbox is null ? null : NewOutboxId(now),
                });
            }
        }

        if (deliveries.Count == 0)
        {
            return;
        }

        if (_outbox is not null)
        {
            // Recorded before anything is attempted: from here on a crash or failover cannot lose them.
            await _outbox.AddAsync(deliveries.ConvertAll(ToEntry), term!.Guard, cancellationToken);
        }

        foreach (var delivery in deliveries)
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
        _soft.Dispose();
        _hard.Dispose();
    }

    /// <summary>What makes a recorded message the same decision: the check, its status and when it was confirmed.</summary>
    internal static string Identity(Message message) =>
        string.Join('\n', message.Node, message.CheckId, message.Status, message.Timestamp.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// A key that sorts in decision order: the time in ticks, this process's sequence number (several deliveries share
    /// a tick), and random digits so two daemons can never collide.
    /// </summary>
    private string NewOutboxId(DateTimeOffset now) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{now.UtcTicks:D19}-{Interlocked.Increment(ref _sequence):D10}-{Random.Shared.Next(0x10000):x4}");

    private static OutboxEntry ToEntry(NotificationDelivery delivery) => new()
    {
        Id = delivery.OutboxId!,
        Instance = delivery.Instance,
        Kind = delivery.Kind,
        Notifier = delivery.Config.Name,
        Overrides = delivery.Overrides,
        Messages = delivery.Messages,
        Created = delivery.Created,
    };

    /// <summary>The delivery, or its halves (recursively) when its record would not fit one Consul transaction.</summary>
    private IEnumerable<NotificationDelivery> SplitToFit(NotificationDelivery delivery)
    {
        if (_outbox is null || delivery.Messages.Count < 2 || ConsulOutboxStore.Serialize(ToEntry(delivery with { OutboxId = "" })).Length <= MaxEntryBytes)
        {
            return [delivery];
        }

        var half = delivery.Messages.Count / 2;
        return SplitToFit(delivery with { Messages = delivery.Messages.Take(half).ToList() })
            .Concat(SplitToFit(delivery with { Messages = delivery.Messages.Skip(half).ToList() }));
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
        var policy = notifier is IRetryPolicySource source ? source.RetryPolicyFor(delivery.Config, _options.Retry) : _options.Retry;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(_hard.Token, delivery.Cancellation);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(_soft.Token, attempt.Token);
        DeliveryOutcome outcome;
        try
        {
            outcome = await _retry.RunAsync(notifier, delivery, policy, _options.DeliveryTimeout, attempt.Token, wait.Token);
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
                await RemoveAsync(id, delivery.Instance, term);
            }
        }

        delivery.Completion.TrySetResult();
    }

    /// <summary>Removes a finished entry, retrying while the term lasts (a leftover entry would be sent again).</summary>
    private async Task RemoveAsync(string id, string instance, TermContext term)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        for (var failures = 0; !term.Token.IsCancellationRequested && !_hard.IsCancellationRequested; failures++)
        {
            try
            {
                await _outbox!.RemoveAsync([id], term.Guard, CancellationToken.None).WaitAsync(term.Token);
                return;
            }
            catch (ConsulConflictException)
            {
                return; // no longer leading: the next leader owns the entry
            }
            catch (ConsulException ex)
            {
                if (failures == 0)
                {
                    NotificationsLog.OutboxRemoveFailed(_logger, id, instance, ex.Kind.ToString());
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await Task.Delay(delay, _timeProvider, term.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = delay * 2 < MaxRemoveDelay ? delay * 2 : MaxRemoveDelay;
        }
    }

    private sealed record TermContext(TxnOperation Guard, CancellationToken Token);
}
