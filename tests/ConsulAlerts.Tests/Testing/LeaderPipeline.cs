using System.Text;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Sessions;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Hosting;
using ConsulAlerts.Leadership;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Outbox;
using ConsulAlerts.Resilience;
using ConsulAlerts.Routing;
using ConsulAlerts.Storage;
using ConsulAlerts.Tests.Notifications.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Tests.Testing;

/// <summary>
/// The leader's whole path from a health snapshot to a notifier, in process, against a dev agent: engine and
/// tracker, router and reminders, recorder, state writer, dispatcher with its outbox, and a fake <c>log</c>
/// notifier. Decisions and reminders run on a virtual clock; terms hold a real lock, so the agent checks every guard.
/// </summary>
internal sealed class LeaderPipeline : IAsyncDisposable
{
    public const string LockKey = "consul-alerts/leader";

    private LeaderPipeline(DevAgentServer agent, TrackedTimeProvider time, AlertsConfig config, Func<IReadOnlyList<Message>, NotifierConfig, CancellationToken, Task<NotifyResult>>? behaviour)
    {
        Agent = agent;
        Time = time;
        Client = new ConsulClient(new HttpClient(Faults) { Timeout = TimeSpan.FromSeconds(60) }, new ConsulClientOptions { Address = agent.Address.ToString() });
        Config.Publish(config);
        Notifier = new FakeNotifier("log", behaviour);
        Retries = new RetryPipelines(time, random: () => 0);
        var options = new ConsulAlertsOptions();
        Dispatcher = new NotificationDispatcher(
            [Notifier], Stats, new NotificationDispatcherOptions(), time, NullLogger<NotificationDispatcher>.Instance,
            new ConsulOutboxStore(Client, options, NullLogger<ConsulOutboxStore>.Instance), Config, Retries);
        Writer = new StateWriter(Client, Dispatcher, Retries, WriterLog, time);
        Recorder = new DecisionRecorder(Writer, Dispatcher, Stats, new NotificationDispatcherOptions(), Layout, time, RecorderLog);
        Store = new CheckStateStore(Client, "consul-alerts", NullLogger<CheckStateStore>.Instance);
        Engine = new CheckEngine(Config, () => Router!, Store, TrackerLog, time, Retries);
        Reminders = new ReminderScheduler(new ConsulReminderStore(Client, options, NullLogger<ConsulReminderStore>.Instance), Config, Engine, Recorder, time, NullLogger<ReminderScheduler>.Instance);
        Router = new AlertRouter(Config, Reminders, Recorder, new ConsulAlerts.Muting.MuteStats(), NullLogger<AlertRouter>.Instance);
    }

    public DevAgentServer Agent { get; }

    /// <summary>Fails chosen requests of the pipeline's Consul client.</summary>
    public FaultyConsulHandler Faults { get; } = new();

    public TrackedTimeProvider Time { get; }

    public ConsulClient Client { get; }

    public AlertsConfigStore Config { get; } = new();

    public KvLayout Layout { get; } = new("consul-alerts");

    public FakeNotifier Notifier { get; }

    public NotificationStats Stats { get; } = new();

    public RetryPipelines Retries { get; }

    public NotificationDispatcher Dispatcher { get; }

    public FakeLogger<StateWriter> WriterLog { get; } = new();

    public FakeLogger<CheckTracker> TrackerLog { get; } = new();

    public FakeLogger<DecisionRecorder> RecorderLog { get; } = new();

    public StateWriter Writer { get; }

    public DecisionRecorder Recorder { get; }

    public CheckStateStore Store { get; }

    public CheckEngine Engine { get; }

    public ReminderScheduler Reminders { get; }

    public AlertRouter Router { get; }

    /// <summary>Every message the notifier was given, in order.</summary>
    public IReadOnlyList<Message> Sent => Notifier.Calls.SelectMany(c => c.Messages).ToList();

    public static async Task<LeaderPipeline> StartAsync(
        AlertsConfig? config = null,
        TrackedTimeProvider? time = null,
        Func<IReadOnlyList<Message>, NotifierConfig, CancellationToken, Task<NotifyResult>>? behaviour = null) =>
        new(await DevAgentServer.StartAsync(new DevAgentOptions()), time ?? new TrackedTimeProvider(), config ?? Threshold(30), behaviour);

    /// <summary>A configuration with the <c>log</c> notifier on, this change-threshold, and no grouping of deliveries.</summary>
    public static AlertsConfig Threshold(int seconds, TimeSpan? groupWait = null) =>
        AlertsConfig.Default with { Revision = 1, Checks = new ChecksConfig { ChangeThreshold = TimeSpan.FromSeconds(seconds), GroupWait = groupWait ?? TimeSpan.Zero } };

    /// <summary>Takes the lock with a new session and returns the term.</summary>
    public async Task<LeaderTerm> TakeLockAsync(string holder = "first", long number = 1)
    {
        var session = await AcquireAsync(holder);
        return new LeaderTerm(number, session, LockKey, Time.GetUtcNow());
    }

    /// <summary>Takes the lock for another session (another daemon); returns its session.</summary>
    public async Task<string> AcquireAsync(string holder)
    {
        var session = await Client.Sessions.CreateAsync(new SessionOptions { Ttl = TimeSpan.FromSeconds(30), NodeChecks = [] });
        var acquired = await Client.Kv.PutAsync(LockKey, Encoding.UTF8.GetBytes(holder), new KvPutOptions { Acquire = session, Flags = LeaderElectionOptions.LockFlagValue });
        acquired.ShouldBeTrue();
        return session;
    }

    /// <summary>What the daemon does when a term begins: the writer takes the guard, the outbox and the reminders are loaded.</summary>
    public async Task BeginTermAsync(LeaderTerm term)
    {
        Writer.Begin(term.Guard, term.Token);
        await Dispatcher.ResumeAsync(term, Config.Current, CancellationToken.None);
        await Reminders.StartAsync(CancellationToken.None);
    }

    /// <summary>Begins a term and has the engine lead it, deciding on the snapshot applied (confirmed as fresh).</summary>
    public async Task<Task> LeadAsync(LeaderTerm term, CancellationToken stopping = default)
    {
        await BeginTermAsync(term);
        var lead = Engine.LeadAsync(term, stopping);
        Engine.Confirm();
        await Eventually.ShouldHoldAsync(() => Engine.IsDeciding, "the term's tracker is deciding", cancellationToken: stopping);
        return lead;
    }

    /// <summary>Waits until everything decided is stored, delivered and removed from the outbox.</summary>
    public async Task SettleAsync()
    {
        for (var round = 0; round < 3; round++)
        {
            (await Writer.FlushAsync(TimeSpan.FromSeconds(30), TimeProvider.System)).ShouldBeTrue("the writer settles");
            await Eventually.ShouldHoldAsync(() => Stats.Snapshot().All(s => s.Queued == 0), "the deliveries are over");
            await Dispatcher.WhenRemovedAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Writes a check state as a previous leader left it.</summary>
    public async Task StoreAsync(CheckState state) =>
        (await Client.Kv.PutAsync(Layout.CheckState(CheckStateStore.KeyOf(state.HealthCheck)), CheckStateStore.Serialize(state))).ShouldBeTrue();

    public async Task<CheckState?> ReadStateAsync(string node, string checkId, string service = "_")
    {
        var pair = (await Client.Kv.GetAsync(Layout.CheckState($"{node}/{service}/{checkId}"))).Value;
        return pair?.Value is { } value ? CheckStateStore.Deserialize(value) : null;
    }

    public async Task<IReadOnlyList<string>> KeysAsync(string prefix) =>
        (await Client.Kv.ListAsync(prefix)).Value.Select(p => p.Key).ToList();

    public async ValueTask DisposeAsync()
    {
        Reminders.Dispose();
        await Dispatcher.DisposeAsync();
        Client.Dispose();
        await Agent.DisposeAsync();
    }
}
