using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Routing;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.Routing.Testing;

/// <summary>A router and reminder scheduler over virtual time, a recording dispatcher and in-memory reminders.</summary>
internal sealed class RoutingHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public RoutingHarness(AlertsConfig? config = null, IReminderStore? store = null, TrackedTimeProvider? time = null)
    {
        Time = time ?? new TrackedTimeProvider(Start);
        Config.Publish(config ?? AlertsConfig.Default);
        Store = store ?? new InMemoryReminderStore();
        Reminders = new ReminderScheduler(Store, Config, Checks, Dispatcher, Time, new FakeLogger<ReminderScheduler>());
        Router = new AlertRouter(Config, Reminders, Dispatcher, RouterLog);
    }

    public TrackedTimeProvider Time { get; }

    public AlertsConfigStore Config { get; } = new();

    public FakeCheckView Checks { get; } = new();

    public RecordingDispatcher Dispatcher { get; } = new();

    public IReminderStore Store { get; }

    public FakeLogger<AlertRouter> RouterLog { get; } = new();

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

    public Task TransitionAsync(CheckInfo check, string status, string previous = CheckStatus.Passing) =>
        Router.OnTransitionsAsync([new CheckTransition(check with { Status = status }, previous, status, Time.GetUtcNow())], CancellationToken.None);

    /// <summary>Moves virtual time and waits until the reminders that fell due have been sent.</summary>
    public async Task AdvanceAsync(TimeSpan delta)
    {
        Time.Advance(delta);
        await Reminders.WhenIdleAsync();
    }

    public async ValueTask DisposeAsync() => await Reminders.DisposeAsync();
}
