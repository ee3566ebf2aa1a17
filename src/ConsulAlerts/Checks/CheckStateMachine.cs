namespace ConsulAlerts.Checks;

/// <summary>
/// The check state machine, as a pure function: a check's state, what happened (a health read, time passing, a
/// stored state loaded, the check vanishing), the time and the check's rules give its new state and what was decided.
/// No I/O, timers or locks: the <see cref="CheckTracker"/> keeps the states, arms a timer for <see cref="CheckStep.DueAt"/>
/// and passes the decisions on. The semantics are those of the Go daemon (docs/ARCHITECTURE.md, "The check state machine"):
/// <list type="bullet">
/// <item>A status other than Current becomes Pending; once it has held for the threshold it becomes Current and is
/// notified. Back to Current before then clears Pending; a third status restarts the wait.</item>
/// <item>A check whose Consul ModifyIndex moved between two reads restarts its wait even when both reads show the
/// pending status: it may have left it in between.</item>
/// <item>First seen passing becomes Current silently; first seen otherwise is pending, and one that never had a
/// Current and passes again is Current silently.</item>
/// <item>Maintenance-mode checks, and every check while <c>checks/enabled</c> is false, change silently.</item>
/// <item>A stored state marked ForNotification (written by the Go daemon, which recorded decisions that way) is
/// notified again as a change from unknown to its Current.</item>
/// </list>
/// </summary>
internal static class CheckStateMachine
{
    /// <summary>A health read shows <paramref name="observed"/>; <paramref name="state"/> is null for a check not seen before.</summary>
    public static CheckStep Observe(CheckState? state, CheckInfo observed, CheckRules rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(observed);
        var status = observed.Status;
        if (state is null)
        {
            var seen = new CheckState { HealthCheck = observed };
            return status == CheckStatus.Passing
                ? new CheckStep(seen with { Current = status, CurrentTimestamp = now }, Store: true, DueAt: null)
                : Wait(seen with { Pending = status, PendingTimestamp = now }, rules, now);
        }

        // Consul changed the check between the two reads: whatever both show, it may have left its status meanwhile.
        var previous = state.HealthCheck;
        var changedBetween = previous.ModifyIndex != 0 && observed.ModifyIndex != 0 && previous.ModifyIndex != observed.ModifyIndex;
        var updated = ReferenceEquals(previous, observed) ? state : state with { HealthCheck = observed };

        if (status == state.Current)
        {
            return state.Pending.Length > 0
                ? new CheckStep(updated with { Pending = "", PendingTimestamp = default }, Store: true, DueAt: null)
                : new CheckStep(updated, Store: false, DueAt: null);
        }

        if (status == state.Pending)
        {
            return changedBetween
                ? Wait(updated with { PendingTimestamp = now }, rules, now)
                : Wait(updated, rules, now, store: false);
        }

        if (state.Current.Length == 0 && status == CheckStatus.Passing)
        {
            // Never confirmed anything and now passing: there is no problem to report or recover from.
            return new CheckStep(updated with { Current = status, CurrentTimestamp = now, Pending = "", PendingTimestamp = default }, Store: true, DueAt: null);
        }

        return Wait(updated with { Pending = status, PendingTimestamp = now }, rules, now);
    }

    /// <summary>Time has passed (the timer for <see cref="CheckStep.DueAt"/> fired, or the rules changed): confirms a pending status that has held long enough.</summary>
    public static CheckStep Tick(CheckState state, CheckRules rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Pending.Length == 0 ? new CheckStep(state, Store: false, DueAt: null) : Wait(state, rules, now, store: false);
    }

    /// <summary>
    /// A state read from KV when a leader term begins. A pending status waits for the first health read (which tells
    /// whether it still holds, counting from its stored PendingTimestamp); one marked ForNotification is notified.
    /// </summary>
    public static CheckStep Load(CheckState stored, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.ForNotification)
        {
            return new CheckStep(stored, Store: false, DueAt: null);
        }

        var cleared = stored with { ForNotification = false };
        if (stored.Current.Length == 0)
        {
            return new CheckStep(cleared, Store: true, DueAt: null);
        }

        // The Go state does not keep the previous status.
        var at = stored.CurrentTimestamp == default ? now : stored.CurrentTimestamp;
        return new CheckStep(cleared, Store: true, DueAt: null, CheckOutcome.Notify, new CheckTransition(stored.HealthCheck, "", stored.Current, at));
    }

    /// <summary>The check is no longer in Consul's answer.</summary>
    public static CheckStep Vanish(CheckState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new CheckStep(null, Store: true, DueAt: null, CheckOutcome.Vanished);
    }

    /// <summary>A pending state: due at PendingTimestamp + threshold, or confirmed now when that has passed.</summary>
    private static CheckStep Wait(CheckState state, CheckRules rules, DateTimeOffset now, bool store = true)
    {
        var due = state.PendingTimestamp + rules.Threshold;
        return due > now ? new CheckStep(state, store, due) : Confirm(state, rules, now);
    }

    private static CheckStep Confirm(CheckState state, CheckRules rules, DateTimeOffset now)
    {
        var previous = state.Current;
        var confirmed = state with { Current = state.Pending, CurrentTimestamp = now, Pending = "", PendingTimestamp = default, ForNotification = false };
        if (CheckStatus.IsMaintenance(state.HealthCheck.CheckId))
        {
            return new CheckStep(confirmed, Store: true, DueAt: null, CheckOutcome.SilentMaintenance);
        }

        if (!rules.Enabled)
        {
            return new CheckStep(confirmed, Store: true, DueAt: null, CheckOutcome.SilentDisabled);
        }

        return new CheckStep(confirmed, Store: true, DueAt: null, CheckOutcome.Notify, new CheckTransition(state.HealthCheck, previous, confirmed.Current, now));
    }
}
