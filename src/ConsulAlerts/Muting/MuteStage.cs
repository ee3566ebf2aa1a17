using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Muting;

/// <summary>
/// The check tracker's muting, for one leader term. Each confirmed change is sent, or muted: then its state records
/// what the notifiers last heard (<see cref="CheckState.Notified"/>) and the check is kept among the unsent. When what
/// mutes changes (a health read shows a maintenance or an inhibiting source gone, the configuration or the silences
/// change, a silence ends), every unsent check is looked at again and, unmuted, sent once from the status the
/// notifiers last heard to its current one; a check back where the notifiers left it sends nothing. The state is
/// stored with the decision, so a new leader releases exactly what its predecessor had not.
/// Not thread-safe: the tracker calls it under its lock; <see cref="Due"/> is raised from a timer or the silence
/// source, and the tracker then takes its lock and calls <see cref="Release"/>.
/// </summary>
internal sealed class MuteStage : IDisposable
{
    private readonly AlertsConfigStore _config;
    private readonly MuteContext _context;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HashSet<CheckKey> _unsent = [];
    private readonly ITimer _silenceEnd;
    private MuteFacts _facts = MuteFacts.None;
    private DateTimeOffset? _armedFor;

    public MuteStage(AlertsConfigStore config, MuteContext context, TimeProvider time, ILogger logger)
    {
        _config = config;
        _context = context;
        _time = time;
        _logger = logger;
        _silenceEnd = time.CreateTimer(_ => Due?.Invoke(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _context.Silences.Changed += OnSilencesChanged;
    }

    /// <summary>Muted checks should be looked at again: the silences changed, or one ended.</summary>
    public event Action? Due;

    /// <summary>Checks whose muted change has not been sent.</summary>
    public int UnsentCount => _unsent.Count;

    public MuteFacts Facts => _facts;

    /// <summary>Takes the facts of a whole health read (or of the checks tracked, after a configuration change); true when they mute something else than before.</summary>
    public bool Observe(IEnumerable<CheckInfo> checks)
    {
        var facts = MuteFacts.Build(checks, _config.Current.InhibitRules, _context.Datacenter);
        if (facts.SameAs(_facts))
        {
            return false;
        }

        _facts = facts;
        return true;
    }

    /// <summary>Whether the configuration's inhibition rules are not those the facts were found for.</summary>
    public bool RulesChanged => !ReferenceEquals(_config.Current.InhibitRules, _facts.Rules);

    /// <summary>An evaluator for now, on the latest facts.</summary>
    public MuteEvaluator Evaluator() => new(_facts, _config.Current, _context.Silences.Silences, _context.Datacenter, _time.GetUtcNow());

    /// <summary>Counts a loaded state whose muted change was not sent yet.</summary>
    public void Track(CheckKey key, CheckState state)
    {
        if (state.HasUnsent)
        {
            _unsent.Add(key);
        }
        else
        {
            _unsent.Remove(key);
        }
    }

    public void Forget(CheckKey key) => _unsent.Remove(key);

    /// <summary>
    /// Decides a confirmed change: sent (a <see cref="DecidedChange"/>), muted (a <see cref="MutedChange"/>) or, when
    /// it takes the check back to the status the notifiers last heard of, a plain write.
    /// </summary>
    /// <param name="before">The check's state before the change.</param>
    /// <param name="transition">The change.</param>
    /// <param name="after">The state the machine decided.</param>
    /// <param name="stateKey">Where the state is stored.</param>
    /// <param name="evaluator">The step's evaluator.</param>
    public MuteDecision Decide(CheckState before, CheckTransition transition, CheckState after, string stateKey, MuteEvaluator evaluator)
    {
        var key = transition.Check.Key;
        var lastSent = before.Notified ?? transition.PreviousStatus;
        if (evaluator.ReasonFor(transition.Check, transition.Status) is { } reason)
        {
            var muted = after with { Notified = CheckState.Knows(lastSent, after.Current) ? null : lastSent };
            Track(key, muted);
            ArmSilenceEnd();
            MutingLog.Muted(_logger, key.Node, key.CheckId, transition.PreviousStatus, transition.Status, reason);
            return new MuteDecision(muted, Muted: new MutedChange(transition, new CheckStateChange(stateKey, muted), reason));
        }

        var sent = after with { Notified = null };
        _unsent.Remove(key);
        if (before.Notified is { } notified && CheckState.Knows(notified, after.Current))
        {
            MutingLog.BackToNotified(_logger, key.Node, key.CheckId, after.Current);
            return new MuteDecision(sent, Write: new CheckStateChange(stateKey, sent));
        }

        var told = lastSent == transition.PreviousStatus ? transition : transition with { PreviousStatus = lastSent };
        return new MuteDecision(sent, Change: new DecidedChange(told, new CheckStateChange(stateKey, sent)));
    }

    /// <summary>
    /// Looks at every unsent check again and returns the changes of those no longer muted (their states updated in
    /// <paramref name="checks"/>). A check with a pending status waits for it to be confirmed or abandoned. Nothing is
    /// released while <c>checks/enabled</c> is false.
    /// </summary>
    public List<DecidedChange> Release(IReadOnlyDictionary<CheckKey, TrackedCheck> checks)
    {
        var released = new List<DecidedChange>();
        if (_unsent.Count > 0 && _config.Current.Checks.Enabled)
        {
            var evaluator = Evaluator();
            var now = _time.GetUtcNow();
            foreach (var key in _unsent.ToList())
            {
                if (!checks.TryGetValue(key, out var check) || !check.State.HasUnsent)
                {
                    _unsent.Remove(key);
                    continue;
                }

                // A check on its way to another status waits for it: confirmed, it is decided like any change (and
                // sends nothing when it is back where the notifiers left it); abandoned, it is looked at again.
                var state = check.State;
                if (state.Pending.Length > 0 || evaluator.ReasonFor(state.HealthCheck, state.Current) is not null)
                {
                    continue;
                }

                var sent = state with { Notified = null };
                check.State = sent;
                _unsent.Remove(key);
                MutingLog.Released(_logger, key.Node, key.CheckId, state.Notified!, state.Current);
                released.Add(new DecidedChange(new CheckTransition(state.HealthCheck, state.Notified!, state.Current, now), new CheckStateChange(check.StateKey, sent)));
            }
        }

        ArmSilenceEnd();
        return released;
    }

    public void Dispose()
    {
        _context.Silences.Changed -= OnSilencesChanged;
        _silenceEnd.Dispose();
    }

    /// <summary>While checks wait unsent, wakes up when the next silence ends.</summary>
    private void ArmSilenceEnd()
    {
        var next = _unsent.Count == 0 ? null : Evaluator().NextSilenceEnd();
        if (next == _armedFor)
        {
            return;
        }

        _armedFor = next;
        var delay = next is { } at ? at - _time.GetUtcNow() : Timeout.InfiniteTimeSpan;
        _silenceEnd.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
    }

    private void OnSilencesChanged() => Due?.Invoke();
}
