using ConsulAlerts.Muting;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Checks;

/// <summary>
/// The decisions of one step of the <see cref="CheckTracker"/>, gathered under its lock: each machine step is applied
/// to its check, and each confirmed change is sent or muted by the <see cref="MuteStage"/> (one evaluator per step,
/// so every change of a step is judged at the same moment).
/// </summary>
internal sealed class CheckStepOutput(MuteStage mutes, ILogger logger)
{
    private List<DecidedChange>? _changes;
    private List<MutedChange>? _muted;
    private List<CheckInfo>? _vanished;
    private MuteEvaluator? _evaluator;

    /// <summary>Plain state writes; the tracker adds the removal of a check that moved service.</summary>
    public List<CheckStateChange> Writes { get; } = [];

    /// <summary>Whether a check with an unsent muted change moved in this step (its pending status came or went).</summary>
    public bool UnsentMoved { get; private set; }

    /// <summary>Applies a machine step to its check and collects what it decided.</summary>
    public void Add(TrackedCheck check, CheckStep step)
    {
        var before = check.State;
        var info = before.HealthCheck;
        UnsentMoved |= before.HasUnsent && step.Store;
        if (step.State is { } state)
        {
            check.State = state;
        }

        switch (step.Outcome)
        {
            case CheckOutcome.Notify:
                CheckLog.TransitionConfirmed(logger, info.Node, info.CheckId, step.Transition!.PreviousStatus, step.Transition.Status);
                var decision = mutes.Decide(before, step.Transition, step.State!, check.StateKey, _evaluator ??= mutes.Evaluator());
                check.State = decision.State;
                if (decision.Change is { } change)
                {
                    (_changes ??= []).Add(change);
                }
                else if (decision.Muted is { } muted)
                {
                    (_muted ??= []).Add(muted);
                }
                else
                {
                    Writes.Add(decision.Write!);
                }

                return;
            case CheckOutcome.SilentMaintenance:
                CheckLog.SilentChange(logger, info.Node, info.CheckId, step.State!.Current, "maintenance");
                break;
            case CheckOutcome.SilentDisabled:
                CheckLog.SilentChange(logger, info.Node, info.CheckId, step.State!.Current, "checks disabled");
                break;
            case CheckOutcome.Vanished:
                mutes.Forget(info.Key);
                (_vanished ??= []).Add(info);
                break;
        }

        if (step.Store)
        {
            Writes.Add(new CheckStateChange(check.StateKey, step.State));
        }
    }

    /// <summary>Adds changes that were muted and are sent now that nothing mutes them.</summary>
    public void AddReleased(List<DecidedChange> released)
    {
        if (released.Count > 0)
        {
            (_changes ??= []).AddRange(released);
        }
    }

    public CheckDecisions ToDecisions() => new(
        Writes,
        (IReadOnlyList<DecidedChange>?)_changes ?? [],
        (IReadOnlyList<CheckInfo>?)_vanished ?? [],
        _muted);
}
