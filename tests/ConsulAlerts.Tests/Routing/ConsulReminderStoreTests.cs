using System.Text;
using ConsulAlerts.Checks;
using ConsulAlerts.Consul;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Hosting;
using ConsulAlerts.Routing;
using ConsulAlerts.Tests.Notifications.Testing;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.Routing;

public sealed class ConsulReminderStoreTests : IAsyncLifetime
{
    private DevAgentServer _agent = null!;
    private ConsulClient _consul = null!;
    private readonly FakeLogger<ConsulReminderStore> _log = new();

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
    public async Task PutAsync_Message_StoresItAtPrefixRemindersNodeCheck()
    {
        var store = Store("alerts-b");
        var message = Messages.Critical() with { Interval = 5 };

        await store.PutAsync(store.KeyFor(message.Key), message, CancellationToken.None);

        var pair = (await _consul.Kv.GetAsync("alerts-b/reminders/node1/service:web-1")).Value.ShouldNotBeNull();
        Encoding.UTF8.GetString(pair.Value!).ShouldStartWith("{\"Node\":\"node1\",\"ServiceId\":\"web-1\"");
    }

    [Fact]
    public async Task LoadAsync_StoredValues_ReturnsMessagesAndSkipsUnreadableOnes()
    {
        var store = Store("consul-alerts");
        var message = Messages.Critical() with { Interval = 5 };
        await store.PutAsync(store.KeyFor(message.Key), message, CancellationToken.None);
        await _consul.Kv.PutAsync("consul-alerts/reminders/node2/broken", "not json"u8.ToArray());
        await _consul.Kv.PutAsync("consul-alerts/remindersX/other", "{}"u8.ToArray());

        var loaded = await store.LoadAsync(CancellationToken.None);

        loaded.ShouldHaveSingleItem().Key.ShouldBe("consul-alerts/reminders/node1/service:web-1");
        loaded[0].Value.VarOverrides.ShouldBeEmpty();
        (loaded[0].Value with { VarOverrides = message.VarOverrides }).ShouldBe(message);
        _log.Entries.ShouldContain(e => e.Message.Contains("consul-alerts/reminders/node2/broken"));
    }

    [Fact]
    public async Task DeleteAsync_Key_RemovesIt()
    {
        var store = Store("consul-alerts");
        var key = store.KeyFor(new CheckKey("n", "c"));
        await store.PutAsync(key, Messages.Critical(node: "n", checkId: "c"), CancellationToken.None);

        await store.DeleteAsync(key, CancellationToken.None);

        (await _consul.Kv.GetAsync(key)).Value.ShouldBeNull();
    }

    [Fact]
    public async Task PutAsync_GuardedWhileHoldingTheLock_Commits()
    {
        var session = await LockAsync("alerts-c/leader");
        var store = Store("alerts-c", new FixedLeaderGuard(TxnOperation.KvCheckSession("alerts-c/leader", session)));
        var message = Messages.Critical() with { Interval = 5 };

        await store.PutAsync(store.KeyFor(message.Key), message, CancellationToken.None);
        await store.DeleteAsync(store.KeyFor(message.Key), CancellationToken.None);
        await store.PutAsync(store.KeyFor(message.Key), message, CancellationToken.None);

        (await _consul.Kv.GetAsync(store.KeyFor(message.Key))).Value.ShouldNotBeNull();
    }

    [Fact]
    public async Task PutAsync_GuardOfALeaderThatWasReplaced_IsRefusedAndWritesNothing()
    {
        var replaced = await LockAsync("alerts-d/leader");
        await _consul.Kv.PutAsync("alerts-d/leader", ReadOnlyMemory<byte>.Empty, new KvPutOptions { Release = replaced });
        await LockAsync("alerts-d/leader");
        var store = Store("alerts-d", new FixedLeaderGuard(TxnOperation.KvCheckSession("alerts-d/leader", replaced)));
        var message = Messages.Critical() with { Interval = 5 };

        await Should.ThrowAsync<ConsulConflictException>(() => store.PutAsync(store.KeyFor(message.Key), message, CancellationToken.None));

        (await _consul.Kv.GetAsync(store.KeyFor(message.Key))).Value.ShouldBeNull();
    }

    [Fact]
    public async Task DeleteAsync_GuardedButStandingBy_IsRefusedAndDeletesNothing()
    {
        var message = Messages.Critical() with { Interval = 5 };
        await Store("alerts-e").PutAsync("alerts-e/reminders/node1/service:web-1", message, CancellationToken.None);
        var store = Store("alerts-e", new FixedLeaderGuard(guard: null));

        await Should.ThrowAsync<ConsulConflictException>(() => store.DeleteAsync("alerts-e/reminders/node1/service:web-1", CancellationToken.None));

        (await _consul.Kv.GetAsync("alerts-e/reminders/node1/service:web-1")).Value.ShouldNotBeNull();
    }

    private async Task<string> LockAsync(string key)
    {
        var session = await _consul.Sessions.CreateAsync(new SessionOptions { Ttl = TimeSpan.FromSeconds(30), NodeChecks = [] });
        (await _consul.Kv.PutAsync(key, ReadOnlyMemory<byte>.Empty, new KvPutOptions { Acquire = session })).ShouldBeTrue();
        return session;
    }

    private ConsulReminderStore Store(string prefix, FixedLeaderGuard? leader = null) =>
        new(_consul, new ConsulAlertsOptions { KvPrefix = prefix }, _log, leader);
}
