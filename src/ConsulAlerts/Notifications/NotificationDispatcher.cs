using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ConsulAlerts.Configuration;
using ConsulAlerts.Leadership;
using ConsulAlerts.Notifications.Outbox;
using ConsulAlerts.Notifications.Pipeline;
using ConsulAlerts.Resilience;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Notifications;

/// <summary>
/// The delivery stage: every notifier instance has its own queue and worker, so a slow, hung or failing notifier only
/// delays its own later deliveries, never another's nor the engine. Deliveries arrive recorded (the state writer hands
/// them over once the transaction recording their decision has committed, <see cref="IDeliveryQueue"/>) or, at the
/// start of a term, from the outbox (<see cref="ResumeAsync"/>). A worker takes its deliveries in order through
/// <see cref="RetryStage"/> (attempts bounded by <see cref="TimeoutStage"/>, each with the notifier's settings in force
/// at that moment) and then has the outbox entry removed (<see cref="OutboxRemover"/>), with the batch's commit record
/// once its last entry is done. Before that, <see cref="GroupStage"/> gathers the deliveries that arrive within the
/// group-wait of the first into one group, attempted as one delivery (all their messages in one call) and removed
/// together. When the term ends, what has not finished is abandoned and stays in the outbox for the next leader.
/// </summary>
internal sealed class NotificationDispatcher : IDeliveryQueue, IAsyncDisposable
{
    private readonly Dictionary<string, INotifier> _notifiers;
    private readonly NotificationStats _stats;
    private readonly NotificationDispatcherOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IOutboxStore? _outbox;
    private readonly OutboxRemover _remover;
    private readonly DeliverySettings _settings;
    private readonly RetryStage _retry;
    private readonly AlertsConfigStore? _config;
    private readonly ConcurrentDictionary<string, Channel<QueuedDelivery>> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _workers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<int>> _pending = new(StringComparer.Ordinal);
    private readonly OutboxBatches _batches = new();

    // Soft: stop waiting (queues, backoff) but let attempts under way finish. Hard: cancel those too.
    private readonly CancellationTokenSource _soft = new();
    private readonly CancellationTokenSource _hard = new();
    private readonly Lock _gate = new();
    private CancellationToken _term = new(canceled: true);
    private LeaderTerm? _leaderTerm;
    private bool _stopping;
    private bool _disposed;

    public NotificationDispatcher(
        IEnumerable<INotifier> notifiers,
        NotificationStats stats,
        NotificationDispatcherOptions options,
        TimeProvider timeProvider,
        ILogger<NotificationDispatcher> logger,
        IOutboxStore? outbox = null,
        AlertsConfigStore? config = null,
        RetryPipelines? retries = null)
    {
        ArgumentNullException.ThrowIfNull(notifiers);
        _notifiers = notifiers.ToDictionary(n => n.Name, StringComparer.Ordinal);
        _stats = stats;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _outbox = outbox;
        _remover = new OutboxRemover(outbox, retries ?? new RetryPipelines(timeProvider), logger, timeProvider);
        _settings = new DeliverySettings(config);
        _config = config;
        _retry = new RetryStage(stats, timeProvider, logger, mayAttempt: () => Volatile.Read(ref _leaderTerm)?.Holds() ?? true, naming: options.Naming);
    }

    /// <summary>Whether a notifier of this kind (<see cref="INotifier.Name"/>) is available.</summary>
    public bool Knows(string kind) => _notifiers.ContainsKey(kind);

    /// <summary>Deliveries of <paramref name="instance"/> waiting or under way.</summary>
    public int QueuedFor(string instance) => _pending.TryGetValue(instance, out var pending) ? Volatile.Read(ref pending.Value) : 0;

    /// <summary>
    /// Starts a leader term: loads the outbox (consistently, so everything the previous leader committed is seen),
    /// removes batches whose writing was cut short (their decision was not stored either, and is made again) and
    /// queues the committed deliveries ahead of anything new. Call before the term decides anything.
    /// </summary>
    /// <exception cref="Consul.Errors.ConsulException">The outbox could not be read; call again.</exception>
    public async Task ResumeAsync(LeaderTerm term, AlertsConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(config);
        var contents = _outbox is null ? OutboxContents.Empty : await _outbox.LoadAsync(cancellationToken);
        lock (_gate)
        {
            _term = term.Token;
            _leaderTerm = term;
            _batches.Clear();
        }

        _remover.Begin(term.Guard, term.Token);
        if (contents.Leftovers.Count > 0)
        {
            OutboxLog.LeftoversRemoved(_logger, contents.Leftovers.Count);
            _remover.Remove(contents.Leftovers);
        }

        if (contents.Entries.Count > 0)
        {
            NotificationsLog.OutboxResumed(_logger, contents.Entries.Count);
        }

        // The settings are those in force now (a notifier disabled since gets nothing, and its entry goes).
        var resumed = new List<NotificationDelivery>(contents.Entries.Count);
        foreach (var entry in contents.Entries)
        {
            var recorded = new NotificationDelivery(entry.Instance, entry.Kind, new NotifierConfig(entry.Notifier), entry.Messages)
            {
                Overrides = entry.Overrides,
                Profile = entry.Profile,
                OutboxId = entry.Id,
                Created = entry.Created,
            };
            resumed.Add(recorded with { Config = DeliverySettings.Resolve(recorded, config) ?? recorded.Config with { Enabled = false } });
        }

        Enqueue(resumed, resumed: true, term.Token);
    }

    public void Enqueue(IReadOnlyList<NotificationDelivery> deliveries, CancellationToken term) => Enqueue(deliveries, resumed: false, term);

    private void Enqueue(IReadOnlyList<NotificationDelivery> deliveries, bool resumed, CancellationToken term)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        lock (_gate)
        {
            _batches.Add(deliveries);
        }

        foreach (var delivery in deliveries)
        {
            if (!_notifiers.ContainsKey(delivery.Kind) || _settings.Current(delivery) is not { Enabled: true } settings)
            {
                // Recorded for a notifier no longer there: nothing to attempt, so the entry goes.
                NotificationsLog.OutboxEntryDropped(_logger, delivery.OutboxId ?? "(unrecorded)", delivery.Instance);
                Finish([delivery], term);
                continue;
            }

            // A resumed delivery joins groups by when it was decided: its wait was already running under the last leader.
            var now = _timeProvider.GetUtcNow();
            Enqueue(new QueuedDelivery(delivery with { Config = settings, Cancellation = term }, resumed && delivery.Created < now ? delivery.Created : now));
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
            // The attempts under way, then the removal of their outbox entries, within the one deadline.
            await workers.ContinueWith(_ => _remover.WhenIdleAsync(), TaskScheduler.Default).Unwrap().WaitAsync(_options.DrainTimeout, _timeProvider);
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

    /// <summary>Counts a delivery in (+1) or out (-1) of its instance's queue, the one under way included.</summary>
    private void CountQueued(string instance, int change)
    {
        var pending = _pending.GetOrAdd(instance, static _ => new StrongBox<int>());
        _stats.SetQueued(instance, Interlocked.Add(ref pending.Value, change));
    }

    private void Enqueue(QueuedDelivery queued)
    {
        var delivery = queued.Delivery;
        Channel<QueuedDelivery> queue;
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
                var created = Channel.CreateUnbounded<QueuedDelivery>(new UnboundedChannelOptions { SingleReader = true });
                _workers[instance] = Task.Run(() => RunAsync(instance, created.Reader));
                return created;
            });
        }

        CountQueued(delivery.Instance, +1);
        queue.Writer.TryWrite(queued);
    }

    private async Task RunAsync(string instance, ChannelReader<QueuedDelivery> reader)
    {
        var grouping = new GroupStage(_timeProvider, GroupWaitOf, gathered => _stats.SetGrouping(instance, gathered));
        try
        {
            while (await reader.WaitToReadAsync(_soft.Token))
            {
                while (!_soft.IsCancellationRequested && reader.TryRead(out var next))
                {
                    if (next.Delivery.Cancellation.IsCancellationRequested)
                    {
                        // Decided in a term that has ended: it stays in the outbox for the next leader.
                        next.Delivery.Completion.TrySetCanceled(next.Delivery.Cancellation);
                        CountQueued(instance, -1);
                        continue;
                    }

                    var members = await grouping.GatherAsync(next, reader, _soft.Token);
                    if (_soft.IsCancellationRequested || members[0].Cancellation.IsCancellationRequested)
                    {
                        // Shut down or deposed while the group gathered: like any queued delivery, it stays in the outbox.
                        foreach (var member in members)
                        {
                            member.Completion.TrySetCanceled(CancellationToken.None);
                        }

                        CountQueued(instance, -members.Count);
                        continue;
                    }

                    await ProcessAsync(DeliveryGroup.Of(members));
                    CountQueued(instance, -members.Count);
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
            dropped.Delivery.Completion.TrySetCanceled(CancellationToken.None);
            CountQueued(instance, -1);
        }

        NotificationsLog.WorkerStopped(_logger, instance, left);
    }

    /// <summary>The group-wait of a delivery under the configuration in force; without one (tools, tests), the options'.</summary>
    private TimeSpan GroupWaitOf(NotificationDelivery delivery) =>
        _config is { Loaded: true } store ? GroupStage.WaitFor(delivery, store.Current) : _options.GroupWait;

    private async Task ProcessAsync(DeliveryGroup group)
    {
        var delivery = group.Delivery;
        var notifier = _notifiers[delivery.Kind];
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(_hard.Token, delivery.Cancellation);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(_soft.Token, attempt.Token);
        try
        {
            await _retry.RunAsync(notifier, delivery, _settings, _options.Retry, _options.DeliveryTimeout, attempt.Token, wait.Token);
        }
        catch (OperationCanceledException)
        {
            foreach (var member in group.Members)
            {
                member.Completion.TrySetCanceled(CancellationToken.None);
            }

            return;
        }

        Finish(group.Members, delivery.Cancellation);
        foreach (var member in group.Members)
        {
            member.Completion.TrySetResult();
        }
    }

    /// <summary>
    /// Has finished deliveries' outbox entries removed (a group's together, in one removal), each with its batch's
    /// commit record after the batch's last one.
    /// </summary>
    private void Finish(IReadOnlyList<NotificationDelivery> deliveries, CancellationToken term)
    {
        List<string> ids;
        lock (_gate)
        {
            if (term != _term || term.IsCancellationRequested)
            {
                // Decided in a term that has ended: the next leader owns the entries.
                return;
            }

            ids = _batches.Finish(deliveries);
        }

        if (ids.Count > 0)
        {
            _remover.Remove(ids);
        }
    }

    /// <summary>Completes once no outbox removal is waiting (tests).</summary>
    public Task WhenRemovedAsync() => _remover.WhenIdleAsync();
}
