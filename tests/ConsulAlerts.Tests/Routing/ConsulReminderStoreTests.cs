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
    private readonly RecordingLogger<ConsulReminderStore> _log = new();

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

    private ConsulReminderStore Store(string prefix) => new(_consul, new ConsulAlertsOptions { KvPrefix = prefix }, _log);
}
