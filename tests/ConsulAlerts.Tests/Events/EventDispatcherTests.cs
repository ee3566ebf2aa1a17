using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Events;

namespace ConsulAlerts.Tests.Events;

public sealed class EventDispatcherTests : IAsyncLifetime
{
    private EventsFixture _f = null!;

    public async Task InitializeAsync() => _f = await EventsFixture.CreateAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task ApplyAsync_NothingStored_MarksBufferedEventsHandledWithoutRunningThem()
    {
        var old1 = await _f.FireAsync();
        var old2 = await _f.FireAsync();
        var dispatcher = _f.Dispatcher(loaded: null);

        await dispatcher.ApplyAsync(await _f.ListAsync(), CancellationToken.None);

        _f.HandledIds().ShouldBeEmpty();
        var stored = (await _f.Store.LoadAsync(CancellationToken.None)).ShouldNotBeNull();
        stored.Handled.ShouldBe([old1.Id, old2.Id]);
        stored.InProgress.ShouldBeNull();
    }

    [Fact]
    public async Task ApplyAsync_NothingStoredAndNoEvents_StoresAnEmptySetSoLaterEventsRun()
    {
        var first = _f.Dispatcher(loaded: null);
        await first.ApplyAsync(await _f.ListAsync(), CancellationToken.None);
        var fresh = await _f.FireAsync();

        var next = _f.Dispatcher(await _f.Store.LoadAsync(CancellationToken.None));
        await next.ApplyAsync(await _f.ListAsync(), CancellationToken.None);

        _f.HandledIds().ShouldBe([fresh.Id]);
    }

    [Fact]
    public async Task ApplyAsync_NewEvents_RunsEachOnceInOrderAndRecordsThem()
    {
        var dispatcher = _f.Dispatcher(new HandledEventsState());
        var a = await _f.FireAsync(payload: "a");
        var b = await _f.FireAsync(payload: "b");

        await dispatcher.ApplyAsync(await _f.ListAsync(), CancellationToken.None);
        var c = await _f.FireAsync(payload: "c");
        await dispatcher.ApplyAsync(await _f.ListAsync(), CancellationToken.None);
        await dispatcher.ApplyAsync(await _f.ListAsync(), CancellationToken.None);

        _f.HandledIds().ShouldBe([a.Id, b.Id, c.Id]);
        var stored = (await _f.Store.LoadAsync(CancellationToken.None)).ShouldNotBeNull();
        stored.Handled.ShouldBe([a.Id, b.Id, c.Id]);
        stored.InProgress.ShouldBeNull();
    }

    [Fact]
    public async Task ApplyAsync_NextLeaderLoadsTheStoredSet_RunsOnlyEventsNoLeaderHandled()
    {
        var a = await _f.FireAsync();
        await _f.Dispatcher(new HandledEventsState()).ApplyAsync(await _f.ListAsync(), CancellationToken.None);
        var b = await _f.FireAsync();

        var next = _f.Dispatcher(await _f.Store.LoadAsync(CancellationToken.None));
        await next.ApplyAsync(await _f.ListAsync(), CancellationToken.None);

        _f.HandledIds().ShouldBe([a.Id, b.Id]);
    }

    [Fact]
    public async Task ApplyAsync_StoredInProgress_IsNotRunAgainAndIsRecordedHandled()
    {
        var interrupted = await _f.FireAsync();
        var after = await _f.FireAsync();

        var dispatcher = _f.Dispatcher(new HandledEventsState { InProgress = interrupted.Id });
        await dispatcher.ApplyAsync(await _f.ListAsync(), CancellationToken.None);

        _f.HandledIds().ShouldBe([after.Id]);
        _f.DispatcherLog.Entries.ShouldContain(e => e.Id.Id == 6012 && e.Message.Contains(interrupted.Id));
        (await _f.Store.LoadAsync(CancellationToken.None)).ShouldNotBeNull().Handled.ShouldBe([interrupted.Id, after.Id]);
    }

    [Fact]
    public async Task ApplyAsync_HandlerRunning_RecordsTheEventInProgressFirst()
    {
        var gate = Path.Combine(_f.Temp.Path, "gate");
        var waiting = _f.Temp.Script("wait.sh", $"cat > /dev/null\nwhile [ ! -f '{gate}' ]; do sleep 0.05; done");
        _f.UseEvents(new EventsConfig { Handlers = [waiting] });
        var e = await _f.FireAsync();

        var applying = _f.Dispatcher(new HandledEventsState()).ApplyAsync(await _f.ListAsync(), CancellationToken.None);
        HandledEventsState? during = null;
        await Eventually.ShouldHoldAsync(
            async () => (during = await _f.Store.LoadAsync(CancellationToken.None))?.InProgress is not null, "the event is recorded in progress");

        await File.WriteAllTextAsync(gate, "");
        await applying.WaitAsync(TimeSpan.FromSeconds(30));

        during.ShouldNotBeNull().InProgress.ShouldBe(e.Id);
        during.Handled.ShouldBeEmpty();
        var after = (await _f.Store.LoadAsync(CancellationToken.None)).ShouldNotBeNull();
        after.InProgress.ShouldBeNull();
        after.Handled.ShouldBe([e.Id]);
    }

    [Fact]
    public async Task ApplyAsync_GuardNoLongerHeld_RunsNothing()
    {
        await _f.FireAsync();
        var stale = TxnOperation.KvCheckSession(EventsFixture.LockKey, await _f.Client.Sessions.CreateAsync());
        var events = await _f.ListAsync();

        await Should.ThrowAsync<InvalidOperationException>(() => _f.Dispatcher(new HandledEventsState(), stale).ApplyAsync(events, CancellationToken.None));

        _f.HandledIds().ShouldBeEmpty();
        (await _f.Store.LoadAsync(CancellationToken.None)).ShouldBeNull();
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task ApplyAsync_DisabledOrNoHandlers_MarksEventsHandledAndNeverRunsThemLater(bool enabled, bool withHandler)
    {
        _f.UseEvents(new EventsConfig { Enabled = enabled, Handlers = withHandler ? [_f.Handler] : [] });
        var dispatcher = _f.Dispatcher(new HandledEventsState());
        var skipped = await _f.FireAsync();
        await dispatcher.ApplyAsync(await _f.ListAsync(), CancellationToken.None);

        _f.UseEvents(new EventsConfig { Handlers = [_f.Handler] });
        var later = await _f.FireAsync();
        await dispatcher.ApplyAsync(await _f.ListAsync(), CancellationToken.None);

        _f.HandledIds().ShouldBe([later.Id]);
        _f.DispatcherLog.Entries.ShouldContain(e => e.Id.Id == 6013 && e.Message.Contains(skipped.Id));
        (await _f.Store.LoadAsync(CancellationToken.None)).ShouldNotBeNull().Handled.ShouldBe([skipped.Id, later.Id]);
    }

    [Fact]
    public async Task ApplyAsync_EveryHandler_GetsEachEvent()
    {
        var second = Path.Combine(_f.Temp.Path, "second.jsonl");
        var other = _f.Temp.Script("other.sh", $"cat >> '{second}'\necho >> '{second}'");
        _f.UseEvents(new EventsConfig { Handlers = [_f.Handler, other] });
        var e = await _f.FireAsync();

        await _f.Dispatcher(new HandledEventsState()).ApplyAsync(await _f.ListAsync(), CancellationToken.None);

        _f.HandledIds().ShouldBe([e.Id]);
        (await File.ReadAllLinesAsync(second)).Count(l => l.Contains(e.Id, StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task ApplyAsync_ManyHandledIds_ForgetsOnlyThoseNoLongerBuffered()
    {
        var gone = Enumerable.Range(0, EventDispatcher.MaxRemembered + 10).Select(i => $"gone-{i}").ToArray();
        var buffered = await _f.FireAsync();
        var dispatcher = _f.Dispatcher(new HandledEventsState { Handled = [buffered.Id, .. gone] });
        var fresh = await _f.FireAsync();

        await dispatcher.ApplyAsync(await _f.ListAsync(), CancellationToken.None);

        var stored = (await _f.Store.LoadAsync(CancellationToken.None)).ShouldNotBeNull();
        stored.Handled.Count.ShouldBe(EventDispatcher.MaxRemembered);
        stored.Handled.ShouldContain(buffered.Id);
        stored.Handled.ShouldContain(fresh.Id);
        stored.Handled.ShouldNotContain("gone-0");
        _f.HandledIds().ShouldBe([fresh.Id]);
    }
}
