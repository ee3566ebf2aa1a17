using ConsulAlerts.Checks;

namespace ConsulAlerts.Tests.Checks;

/// <summary>Every transition of the check state machine, as a table: the state, what happened, and what it must give.</summary>
public sealed class CheckStateMachineTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CheckRules Rules = new(TimeSpan.FromSeconds(10), Enabled: true);

    private static readonly Dictionary<string, Case> Table = new(StringComparer.Ordinal)
    {
        // A health read shows a check for the first time.
        ["observe: first seen passing becomes current silently"] = new(
            () => CheckStateMachine.Observe(null, Info("passing"), Rules, T),
            new(Current: "passing", CurrentAt: T, Pending: "", PendingAt: default, Store: true, Due: null, CheckOutcome.None)),
        ["observe: first seen critical is pending for the threshold"] = new(
            () => CheckStateMachine.Observe(null, Info("critical"), Rules, T),
            new("", default, "critical", T, true, T.AddSeconds(10), CheckOutcome.None)),
        ["observe: first seen warning with no threshold is notified from unknown"] = new(
            () => CheckStateMachine.Observe(null, Info("warning"), Rules with { Threshold = TimeSpan.Zero }, T),
            new("warning", T, "", default, true, null, CheckOutcome.Notify, Transition: ("", "warning", T))),
        ["observe: first seen maintenance check with no threshold changes silently"] = new(
            () => CheckStateMachine.Observe(null, Info("critical", checkId: "_node_maintenance"), Rules with { Threshold = TimeSpan.Zero }, T),
            new("critical", T, "", default, true, null, CheckOutcome.SilentMaintenance)),

        // Later reads.
        ["observe: same status as current, nothing pending, stores nothing"] = new(
            () => CheckStateMachine.Observe(Passing(), Info("passing"), Rules, T),
            new("passing", T.AddHours(-1), "", default, false, null, CheckOutcome.None)),
        ["observe: new output alone is kept live but not stored"] = new(
            () => CheckStateMachine.Observe(Passing(), Info("passing", output: "200 OK in 3 ms"), Rules, T),
            new("passing", T.AddHours(-1), "", default, false, null, CheckOutcome.None, Output: "200 OK in 3 ms")),
        ["observe: back to current before the threshold clears pending"] = new(
            () => CheckStateMachine.Observe(Pending("critical", T.AddSeconds(-5)), Info("passing"), Rules, T),
            new("passing", T.AddHours(-1), "", default, true, null, CheckOutcome.None)),
        ["observe: another status than current becomes pending"] = new(
            () => CheckStateMachine.Observe(Passing(), Info("critical"), Rules, T),
            new("passing", T.AddHours(-1), "critical", T, true, T.AddSeconds(10), CheckOutcome.None)),
        ["observe: pending status again at the same index keeps waiting"] = new(
            () => CheckStateMachine.Observe(Pending("critical", T.AddSeconds(-5), index: 7), Info("critical", index: 7), Rules, T),
            new("passing", T.AddHours(-1), "critical", T.AddSeconds(-5), false, T.AddSeconds(5), CheckOutcome.None)),
        ["observe: pending status again but the index moved restarts the wait"] = new(
            () => CheckStateMachine.Observe(Pending("critical", T.AddSeconds(-5), index: 7), Info("critical", index: 9), Rules, T),
            new("passing", T.AddHours(-1), "critical", T, true, T.AddSeconds(10), CheckOutcome.None)),
        ["observe: first read after a stored state (index unknown) keeps the stored wait"] = new(
            () => CheckStateMachine.Observe(Pending("critical", T.AddSeconds(-5), index: 0), Info("critical", index: 42), Rules, T),
            new("passing", T.AddHours(-1), "critical", T.AddSeconds(-5), false, T.AddSeconds(5), CheckOutcome.None)),
        ["observe: a third status restarts the wait"] = new(
            () => CheckStateMachine.Observe(Pending("warning", T.AddSeconds(-5)), Info("critical"), Rules, T),
            new("passing", T.AddHours(-1), "critical", T, true, T.AddSeconds(10), CheckOutcome.None)),
        ["observe: never confirmed and passing again becomes current silently"] = new(
            () => CheckStateMachine.Observe(Pending("critical", T.AddSeconds(-5)) with { Current = "", CurrentTimestamp = default }, Info("passing"), Rules, T),
            new("passing", T, "", default, true, null, CheckOutcome.None)),
        ["observe: pending past its threshold is confirmed at once"] = new(
            () => CheckStateMachine.Observe(Pending("critical", T.AddSeconds(-20)), Info("critical"), Rules, T),
            new("critical", T, "", default, true, null, CheckOutcome.Notify, Transition: ("passing", "critical", T))),

        // Time passes.
        ["tick: before the threshold keeps waiting"] = new(
            () => CheckStateMachine.Tick(Pending("critical", T.AddSeconds(-9)), Rules, T),
            new("passing", T.AddHours(-1), "critical", T.AddSeconds(-9), false, T.AddSeconds(1), CheckOutcome.None)),
        ["tick: at the threshold the pending status is confirmed and notified"] = new(
            () => CheckStateMachine.Tick(Pending("critical", T.AddSeconds(-10)), Rules, T),
            new("critical", T, "", default, true, null, CheckOutcome.Notify, Transition: ("passing", "critical", T))),
        ["tick: a recovery is notified like any change"] = new(
            () => CheckStateMachine.Tick(Pending("passing", T.AddSeconds(-10)) with { Current = "critical" }, Rules, T),
            new("passing", T, "", default, true, null, CheckOutcome.Notify, Transition: ("critical", "passing", T))),
        ["tick: a maintenance check is confirmed silently"] = new(
            () => CheckStateMachine.Tick(Pending("critical", T.AddSeconds(-10), checkId: "_service_maintenance:web"), Rules, T),
            new("critical", T, "", default, true, null, CheckOutcome.SilentMaintenance)),
        ["tick: with checks disabled a change is confirmed silently"] = new(
            () => CheckStateMachine.Tick(Pending("critical", T.AddSeconds(-10)), Rules with { Enabled = false }, T),
            new("critical", T, "", default, true, null, CheckOutcome.SilentDisabled)),
        ["tick: nothing pending does nothing"] = new(
            () => CheckStateMachine.Tick(Passing(), Rules, T),
            new("passing", T.AddHours(-1), "", default, false, null, CheckOutcome.None)),
        ["tick: a lowered threshold applies from the pending timestamp"] = new(
            () => CheckStateMachine.Tick(Pending("critical", T.AddSeconds(-5)), Rules with { Threshold = TimeSpan.FromSeconds(3) }, T),
            new("critical", T, "", default, true, null, CheckOutcome.Notify, Transition: ("passing", "critical", T))),
        ["tick: a raised threshold moves the due time"] = new(
            () => CheckStateMachine.Tick(Pending("critical", T.AddSeconds(-5)), Rules with { Threshold = TimeSpan.FromSeconds(60) }, T),
            new("passing", T.AddHours(-1), "critical", T.AddSeconds(-5), false, T.AddSeconds(55), CheckOutcome.None)),

        // A new leader loads what was stored.
        ["load: a settled state is taken as it is"] = new(
            () => CheckStateMachine.Load(Passing(), T),
            new("passing", T.AddHours(-1), "", default, false, null, CheckOutcome.None)),
        ["load: a pending state waits for the first read"] = new(
            () => CheckStateMachine.Load(Pending("critical", T.AddSeconds(-5)), T),
            new("passing", T.AddHours(-1), "critical", T.AddSeconds(-5), false, null, CheckOutcome.None)),
        ["load: ForNotification is notified from unknown at its current timestamp and cleared"] = new(
            () => CheckStateMachine.Load(Passing() with { Current = "critical", ForNotification = true }, T),
            new("critical", T.AddHours(-1), "", default, true, null, CheckOutcome.Notify, Transition: ("", "critical", T.AddHours(-1)))),
        ["load: ForNotification without a timestamp is notified as of now"] = new(
            () => CheckStateMachine.Load(Passing() with { Current = "warning", CurrentTimestamp = default, ForNotification = true }, T),
            new("warning", default, "", default, true, null, CheckOutcome.Notify, Transition: ("", "warning", T))),
        ["load: ForNotification without a current status is only cleared"] = new(
            () => CheckStateMachine.Load(Passing() with { Current = "", ForNotification = true }, T),
            new("", T.AddHours(-1), "", default, true, null, CheckOutcome.None)),
    };

    public static TheoryData<string> Cases => new(Table.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Step_EveryTransition_GivesItsStateAndDecision(string name)
    {
        var (step, expected) = Table[name];

        var result = step();

        var state = result.State.ShouldNotBeNull();
        (state.Current, state.CurrentTimestamp, state.Pending, state.PendingTimestamp).ShouldBe((expected.Current, expected.CurrentAt, expected.Pending, expected.PendingAt), name);
        state.ForNotification.ShouldBeFalse(name);
        (result.Store, result.DueAt, result.Outcome).ShouldBe((expected.Store, expected.Due, expected.Outcome), name);
        if (expected.Transition is { } transition)
        {
            var decided = result.Transition.ShouldNotBeNull();
            (decided.PreviousStatus, decided.Status, decided.At).ShouldBe(transition, name);
            decided.Check.ShouldBeSameAs(state.HealthCheck, name);
        }
        else
        {
            result.Transition.ShouldBeNull(name);
        }

        state.HealthCheck.Output.ShouldBe(expected.Output ?? "out", name);
    }

    [Fact]
    public void Vanish_AnyState_DeletesItWithoutANotification()
    {
        var result = CheckStateMachine.Vanish(Pending("critical", T));

        (result.State, result.Store, result.DueAt, result.Outcome, result.Transition).ShouldBe((null, true, (DateTimeOffset?)null, CheckOutcome.Vanished, (CheckTransition?)null));
    }

    [Fact]
    public void Step_EveryOutcome_IsInTheTable()
    {
        var seen = Table.Values.Select(c => c.Expected.Outcome).Append(CheckOutcome.Vanished).ToHashSet();

        seen.ShouldBe(Enum.GetValues<CheckOutcome>(), ignoreOrder: true);
    }

    private static CheckInfo Info(string status, string checkId = "web", string output = "out", ulong index = 0) =>
        new() { Node = "n1", CheckId = checkId, Name = "web check", Status = status, Output = output, ModifyIndex = index };

    private static CheckState Passing() => new() { Current = "passing", CurrentTimestamp = T.AddHours(-1), HealthCheck = Info("passing") };

    private static CheckState Pending(string status, DateTimeOffset since, string checkId = "web", ulong index = 0) =>
        new() { Current = "passing", CurrentTimestamp = T.AddHours(-1), Pending = status, PendingTimestamp = since, HealthCheck = Info(status, checkId, index: index) };

    private sealed record Case(Func<CheckStep> Step, Expected Expected);

    private sealed record Expected(
        string Current,
        DateTimeOffset CurrentAt,
        string Pending,
        DateTimeOffset PendingAt,
        bool Store,
        DateTimeOffset? Due,
        CheckOutcome Outcome,
        (string Previous, string Status, DateTimeOffset At)? Transition = null,
        string? Output = null);
}
