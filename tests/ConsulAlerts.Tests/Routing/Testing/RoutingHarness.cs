using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Datacenters;
using ConsulAlerts.Muting;
using ConsulAlerts.Routing;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.Routing.Testing;

/// <summary>A router and reminder scheduler over virtual time, a recording recorder and in-memory reminders.</summary>
internal sealed class RoutingHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public RoutingHarness(AlertsConfig? config = null, InMemoryReminderStore? store = null, TrackedTimeProvider? time = null, LocalDatacenter? local = null)
    {
        Time = time ?? new TrackedTimeProvider(Start);
        Config.Publish(config ?? AlertsConfig.Default);
        Store = store ?? new InMemoryReminderStore();
        Recorder = new RecordingRecorder(Store);
        Reminders = new ReminderScheduler(Store, Config, Checks, Recorder, Time, new FakeLogger<ReminderScheduler>(), local);
        Router = new AlertRouter(Config, Reminders, Recorder, Mutes, RouterLog, local?.Name ?? "");
    }

    public TrackedTimeProvider Time { get; }

    public AlertsConfigStore Config { get; } = new();

    public FakeCheckView Checks { get; } = new();

    public RecordingRecorder Recorder { get; }

    public InMemoryReminderStore Store { get; }

    public FakeLogger<AlertRouter> RouterLog { get; } = new();

    public MuteStats Mutes { get; } = new();

    public ReminderScheduler Reminders { get; }

    public AlertRouter Router { get; }

    public static CheckInfo Check(string node = "node1", string serviceId = "web-1", string checkId = "service:web-1", string status = "critical", string output = "500") =>
        new()
        {
            Node = node,
            ServiceId = serviceId,
            ServiceName = serviceId.Length == 0 ? "" : serviceId.Split('-')[0],
            CheckId = checkId,
            Name = "check " + checkId,
            Status = status,
            Output = output,
        };

    /// <summary>Hands the router one confirmed change, as the tracker does.</summary>
    public Task TransitionAsync(CheckInfo check, string status, string previous = CheckStatus.Passing)
    {
        var now = Time.GetUtcNow();
        var seen = check with { Status = status };
        var state = new CheckState { Current = status, CurrentTimestamp = now, HealthCheck = seen };
        Router.Accept(new CheckDecisions([], [new DecidedChange(new CheckTransition(seen, previous, status, now), new CheckStateChange(CheckStateStore.KeyOf(seen), state))], []));
        return Task.CompletedTask;
    }

    /// <summary>Hands the router confirmed changes decided in one step, as the tracker does.</summary>
    public void Accept(IReadOnlyList<CheckTransition> transitions) =>
        Router.Accept(new CheckDecisions(
            [],
            transitions.Select(t => new DecidedChange(t, new CheckStateChange(CheckStateStore.KeyOf(t.Check), new CheckState { Current = t.Status, CurrentTimestamp = t.At, HealthCheck = t.Check }))).ToList(),
            []));

    /// <summary>Hands the router confirmed changes the tracker muted.</summary>
    public void Mute(MuteReason reason, params CheckTransition[] transitions) =>
        Router.Accept(new CheckDecisions(
            [],
            [],
            [],
            transitions.Select(t => new MutedChange(t, new CheckStateChange(CheckStateStore.KeyOf(t.Check), new CheckState { Current = t.Status, CurrentTimestamp = t.At, HealthCheck = t.Check, Notified = t.PreviousStatus }), reason)).ToList()));

    /// <summary>Hands the router checks gone from Consul, as the tracker does.</summary>
    public void Vanish(params CheckInfo[] checks) =>
        Router.Accept(new CheckDecisions(checks.Select(c => new CheckStateChange(CheckStateStore.KeyOf(c), null)).ToList(), [], checks));

    /// <summary>Moves virtual time; reminders that fall due are handed over before this returns.</summary>
    public Task AdvanceAsync(TimeSpan delta)
    {
        Time.Advance(delta);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Reminders.Dispose();
        return ValueTask.CompletedTask;
    }
}
