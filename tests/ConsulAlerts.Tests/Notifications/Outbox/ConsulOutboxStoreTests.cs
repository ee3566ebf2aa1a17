using System.Text;
using ConsulAlerts.Consul;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Hosting;
using ConsulAlerts.Notifications.Outbox;
using ConsulAlerts.Tests.Notifications.Testing;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.Notifications.Outbox;

public sealed class ConsulOutboxStoreTests : IAsyncLifetime
{
    private DevAgentServer _agent = null!;
    private ConsulClient _consul = null!;
    private readonly RecordingLogger<ConsulOutboxStore> _log = new();

    public async Task InitializeAsync()
    {
        _agent = await DevAgentServer.StartAsync(new DevAgentOptions());
        _consul = ConsulClient.Create(new ConsulClientOptions { Address = _agent.Address.ToString() });
    }

    public async Task DisposeAsync()
    {
        _consul.Dispose();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task AddAsync_GuardedWhileLeading_StoresEntriesUnderPrefixOutboxAndLoadsThemInOrder()
    {
        var guard = await LockAsync("alerts-a/leader");
        var store = Store("alerts-a");
        var later = Entry("0192f0a0000070008000000000000002", "slack");
        var earlier = Entry("0192f0a0000070008000000000000001", "email") with
        {
            Overrides = new Dictionary<string, string> { ["receivers"] = "[\"db@example.com\"]" },
        };

        await store.AddAsync([later, earlier], guard, CancellationToken.None);

        var raw = (await _consul.Kv.GetAsync("alerts-a/outbox/0192f0a0000070008000000000000001")).Value.ShouldNotBeNull();
        Encoding.UTF8.GetString(raw.Value!).ShouldStartWith("{\"Instance\":\"email\",\"Kind\":\"email\",\"Notifier\":\"email\",\"Overrides\":{\"receivers\"");
        var loaded = await store.LoadAsync(CancellationToken.None);
        loaded.Select(e => e.Id).ShouldBe([earlier.Id, later.Id]);
        loaded[0].Overrides.ShouldNotBeNull()["receivers"].ShouldBe("[\"db@example.com\"]");
        loaded[0].Messages.ShouldHaveSingleItem().CheckId.ShouldBe("service:web-1");
        loaded[0].Created.ShouldBe(earlier.Created);
    }

    [Fact]
    public async Task RemoveAsync_GuardedWhileLeading_DeletesOnlyThoseEntries()
    {
        var guard = await LockAsync("alerts-b/leader");
        var store = Store("alerts-b");
        await store.AddAsync([Entry("1", "log"), Entry("2", "log")], guard, CancellationToken.None);

        await store.RemoveAsync(["1"], guard, CancellationToken.None);

        (await store.LoadAsync(CancellationToken.None)).Select(e => e.Id).ShouldBe(["2"]);
    }

    [Fact]
    public async Task AddAsync_GuardOfAReplacedLeader_IsRefusedAndWritesNothing()
    {
        var replaced = await LockAsync("alerts-c/leader");
        var session = replaced.Kv!.Session!;
        await _consul.Kv.PutAsync("alerts-c/leader", ReadOnlyMemory<byte>.Empty, new KvPutOptions { Release = session });
        await LockAsync("alerts-c/leader");
        var store = Store("alerts-c");

        await Should.ThrowAsync<ConsulConflictException>(() => store.AddAsync([Entry("1", "log")], replaced, CancellationToken.None));
        await Should.ThrowAsync<ConsulConflictException>(() => store.RemoveAsync(["1"], replaced, CancellationToken.None));

        (await store.LoadAsync(CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AddAsync_MoreEntriesThanATransactionHolds_WritesThemAll()
    {
        var guard = await LockAsync("alerts-d/leader");
        var store = Store("alerts-d");
        var entries = Enumerable.Range(0, 150).Select(i => Entry($"{i:D4}", "log") with
        {
            Messages = [Messages.Critical(checkId: $"c{i}", output: new string('o', 3000))],
        }).ToList();

        await store.AddAsync(entries, guard, CancellationToken.None);

        (await store.LoadAsync(CancellationToken.None)).Select(e => e.Id).ShouldBe(entries.Select(e => e.Id));
        await store.RemoveAsync(entries.Select(e => e.Id).ToList(), guard, CancellationToken.None);
        (await store.LoadAsync(CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task LoadAsync_UnreadableEntry_IsLoggedAndSkipped()
    {
        var store = Store("alerts-e");
        await _consul.Kv.PutAsync("alerts-e/outbox/broken", "not json"u8.ToArray());
        await store.AddAsync([Entry("ok", "log")], guard: null, CancellationToken.None);

        (await store.LoadAsync(CancellationToken.None)).ShouldHaveSingleItem().Id.ShouldBe("ok");
        _log.Entries.ShouldContain(e => e.Message.Contains("alerts-e/outbox/broken", StringComparison.Ordinal));
    }

    private static OutboxEntry Entry(string id, string notifier) => new()
    {
        Id = id,
        Instance = notifier,
        Kind = notifier,
        Notifier = notifier,
        Messages = [Messages.Critical()],
        Created = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero),
    };

    private async Task<TxnOperation> LockAsync(string key)
    {
        var session = await _consul.Sessions.CreateAsync(new SessionOptions { Ttl = TimeSpan.FromSeconds(30), NodeChecks = [] });
        (await _consul.Kv.PutAsync(key, ReadOnlyMemory<byte>.Empty, new KvPutOptions { Acquire = session })).ShouldBeTrue();
        return TxnOperation.KvCheckSession(key, session);
    }

    private ConsulOutboxStore Store(string prefix) => new(_consul, new ConsulAlertsOptions { KvPrefix = prefix }, _log);
}
