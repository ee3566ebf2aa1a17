using System.Text;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Txn;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Hosting;
using ConsulAlerts.Routing;
using ConsulAlerts.Tests.Notifications.Testing;

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
    public async Task Put_Message_StoresItAtPrefixRemindersNodeCheck()
    {
        var store = Store("alerts-b");
        var message = Messages.Critical() with { Interval = 5 };

        await PutAsync(ConsulReminderStore.Put(store.KeyFor(message.Key), message));

        var pair = (await _consul.Kv.GetAsync("alerts-b/reminders/node1/service:web-1")).Value.ShouldNotBeNull();
        Encoding.UTF8.GetString(pair.Value!).ShouldStartWith("{\"Node\":\"node1\",\"ServiceId\":\"web-1\"");
    }

    [Fact]
    public async Task LoadAsync_StoredValues_ReturnsMessagesAndSkipsUnreadableOnes()
    {
        var store = Store("consul-alerts");
        var message = Messages.Critical() with { Interval = 5 };
        await PutAsync(ConsulReminderStore.Put(store.KeyFor(message.Key), message));
        await _consul.Kv.PutAsync("consul-alerts/reminders/node2/broken", "not json"u8.ToArray());
        await _consul.Kv.PutAsync("consul-alerts/remindersX/other", "{}"u8.ToArray());

        var loaded = await store.LoadAsync(CancellationToken.None);

        loaded.ShouldHaveSingleItem().Key.ShouldBe("consul-alerts/reminders/node1/service:web-1");
        loaded[0].Value.VarOverrides.ShouldBeEmpty();
        (loaded[0].Value with { VarOverrides = message.VarOverrides }).ShouldBe(message);
        _log.Entries.ShouldContain(e => e.Message.Contains("consul-alerts/reminders/node2/broken"));
    }

    private async Task PutAsync(TxnOperation write) => await _consul.Txn.WriteAsync([write], guard: null, CancellationToken.None);

    private ConsulReminderStore Store(string prefix) =>
        new(_consul, new ConsulAlertsOptions { KvPrefix = prefix }, _log);
}
