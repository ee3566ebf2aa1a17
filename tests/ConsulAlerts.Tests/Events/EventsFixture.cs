using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Events;
using ConsulAlerts.Tests.Notifications.Testing;

namespace ConsulAlerts.Tests.Events;

/// <summary>
/// A dev agent, a client, a session holding the lock key (so a guard commits), a config store with one handler
/// script that appends each event's stdin as one line to a file.
/// </summary>
internal sealed class EventsFixture : IAsyncDisposable
{
    public const string Prefix = "consul-alerts";
    public const string LockKey = "consul-alerts/leader";

    private EventsFixture(DevAgentServer agent, ConsulClient client, TempDirectory temp, string session)
    {
        Agent = agent;
        Client = client;
        Temp = temp;
        Session = session;
        HandledFile = Path.Combine(temp.Path, "handled.jsonl");
        Handler = temp.Script("handler.sh", $"cat >> '{HandledFile}'\necho >> '{HandledFile}'");
        Config.Publish(new AlertsConfig { Revision = 1, Events = new EventsConfig { Handlers = [Handler] } });
        Store = new HandledEventsStore(client, Prefix, StoreLog);
        Runner = new EventHandlerRunner(new EventHandlerRunnerOptions(), TimeProvider.System, RunnerLog);
    }

    public DevAgentServer Agent { get; }

    public ConsulClient Client { get; }

    public TempDirectory Temp { get; }

    public string Session { get; }

    public TxnOperation Guard => TxnOperation.KvCheckSession(LockKey, Session);

    public string HandledFile { get; }

    public string Handler { get; }

    public AlertsConfigStore Config { get; } = new();

    public HandledEventsStore Store { get; }

    public EventHandlerRunner Runner { get; }

    public FakeLogger<HandledEventsStore> StoreLog { get; } = new();

    public FakeLogger<EventHandlerRunner> RunnerLog { get; } = new();

    public FakeLogger<EventDispatcher> DispatcherLog { get; } = new();

    public static async Task<EventsFixture> CreateAsync()
    {
        var agent = await DevAgentServer.StartAsync();
        var client = ConsulClient.Create(new ConsulClientOptions { Address = agent.Address.ToString() });
        var session = await client.Sessions.CreateAsync(new SessionOptions { Ttl = TimeSpan.FromMinutes(5) });
        (await client.Kv.PutAsync(LockKey, ReadOnlyMemory<byte>.Empty, new KvPutOptions { Acquire = session })).ShouldBeTrue();
        return new EventsFixture(agent, client, new TempDirectory(), session);
    }

    public EventDispatcher Dispatcher(HandledEventsState? loaded, TxnOperation? guard = null) =>
        new(loaded, Store, guard ?? Guard, Runner, Config, DispatcherLog, CancellationToken.None);

    public async Task<UserEvent> FireAsync(string name = "deploy", string payload = "") =>
        await Client.Events.FireAsync(name, System.Text.Encoding.UTF8.GetBytes(payload));

    public async Task<IReadOnlyList<UserEvent>> ListAsync() => (await Client.Events.ListAsync()).Value;

    /// <summary>IDs of the events the handler received, in order.</summary>
    public string[] HandledIds() =>
        File.Exists(HandledFile)
            ? File.ReadAllLines(HandledFile)
                .Where(l => l.Length > 0)
                .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("ID").GetString()!)
                .ToArray()
            : [];

    public void UseEvents(EventsConfig events) => Config.Publish(new AlertsConfig { Revision = Config.Current.Revision + 1, Events = events });

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Agent.DisposeAsync();
        Temp.Dispose();
    }
}
