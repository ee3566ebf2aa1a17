using System.Text;
using ConsulAlerts.Consul;
using ConsulAlerts.Events;

namespace ConsulAlerts.Tests.Events;

public sealed class HandledEventsStoreTests : IAsyncLifetime
{
    private EventsFixture _f = null!;

    public async Task InitializeAsync() => _f = await EventsFixture.CreateAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task LoadAsync_NothingStored_IsNull() =>
        (await _f.Store.LoadAsync(CancellationToken.None)).ShouldBeNull();

    [Fact]
    public async Task SaveAsync_ThenLoad_RoundTripsUnderThePrefix()
    {
        await _f.Store.SaveAsync(new HandledEventsState { Handled = ["a", "b"], InProgress = "c" }, _f.Guard, CancellationToken.None);

        var loaded = (await _f.Store.LoadAsync(CancellationToken.None)).ShouldNotBeNull();

        loaded.Handled.ShouldBe(["a", "b"]);
        loaded.InProgress.ShouldBe("c");
        _f.Store.Key.ShouldBe("consul-alerts/events/handled");
        var raw = (await _f.Client.Kv.GetAsync("consul-alerts/events/handled")).Value.ShouldNotBeNull();
        Encoding.UTF8.GetString(raw.Value!).ShouldBe("""{"Handled":["a","b"],"InProgress":"c"}""");
    }

    [Fact]
    public async Task SaveAsync_SessionNotHoldingTheLock_ThrowsAndWritesNothing()
    {
        var stale = TxnOperation.KvCheckSession(EventsFixture.LockKey, await _f.Client.Sessions.CreateAsync());

        await Should.ThrowAsync<InvalidOperationException>(() => _f.Store.SaveAsync(new HandledEventsState { Handled = ["a"] }, stale, CancellationToken.None));

        (await _f.Store.LoadAsync(CancellationToken.None)).ShouldBeNull();
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public async Task LoadAsync_Unreadable_IsTreatedAsAbsentAndLogged(string value)
    {
        await _f.Client.Kv.PutAsync("consul-alerts/events/handled", Encoding.UTF8.GetBytes(value));

        (await _f.Store.LoadAsync(CancellationToken.None)).ShouldBeNull();

        _f.StoreLog.Entries.ShouldContain(e => e.Id.Id == 6017);
    }
}
