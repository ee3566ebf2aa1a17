using ConsulAlerts.Consul.Blocking;
using ConsulAlerts.Events;
using ConsulAlerts.Leadership;

namespace ConsulAlerts.Tests.Events;

/// <summary>The watcher against the dev agent over real HTTP, leading with a session that holds the lock.</summary>
public sealed class EventWatcherTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stop = new();
    private readonly FakeLogger<EventWatcher> _log = new();
    private EventsFixture _f = null!;

    public async Task InitializeAsync() => _f = await EventsFixture.CreateAsync();

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _f.DisposeAsync();
    }

    public void Dispose() => _stop.Dispose();

    [Fact]
    public async Task LeadAsync_FirstStart_SkipsBufferedEventsAndRunsEachNewOneOnce()
    {
        var old = await _f.FireAsync();
        var (_, term, running) = Lead();
        await WaitForStoredAsync();
        await UntilAsync(() => ListRequests() >= 2, "the blocking read under way");
        var requests = ListRequests();

        List<string> fired = [];
        for (var i = 0; i < 10; i++)
        {
            fired.Add((await _f.FireAsync(payload: i.ToString(System.Globalization.CultureInfo.InvariantCulture))).Id);
            await UntilAsync(() => _f.HandledIds().Length == fired.Count, $"event {i} handled");
        }

        // A last event handled after the ten proves every read and handling they caused is done: a duplicate, or the
        // extra reads a mis-compared index makes, would have come before it.
        var barrier = (await _f.FireAsync(payload: "barrier")).Id;
        await UntilAsync(() => _f.HandledIds().Contains(barrier), "the barrier event handled");

        _f.HandledIds().ShouldBe([.. fired, barrier]);
        _f.HandledIds().ShouldNotContain(old.Id);
        // One new read per event. Event indexes are random hashes: treating a "lower" one as a reset (Raft rules)
        // would add a read for about half of the events.
        (ListRequests() - requests).ShouldBeLessThanOrEqualTo(fired.Count + 2);
        term.End("test over");
        await running.WaitAsync(Patience);
    }

    [Fact]
    public async Task RequestRefresh_WhileBlocking_ReadsTheListAgainAtOnce()
    {
        var (watcher, _, _) = Lead();
        await WaitForStoredAsync();
        await UntilAsync(() => ListRequests() >= 2, "the blocking read under way");
        var before = ListRequests();

        watcher.RequestRefresh();

        await UntilAsync(() => ListRequests() > before, "a fresh read after the wake-up", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task LeadAsync_TermEnds_StopsHandling()
    {
        var (_, term, running) = Lead();
        await WaitForStoredAsync();

        term.End("lost the lock");
        await running.WaitAsync(Patience);
        await _f.FireAsync();
        await Task.Delay(TimeSpan.FromSeconds(1)); // room for a handler that should not run

        _f.HandledIds().ShouldBeEmpty();
    }

    [Fact]
    public async Task LeadAsync_NextTerm_RunsEventsFiredWhileNobodyLed()
    {
        var (_, term, running) = Lead();
        await WaitForStoredAsync();
        var first = await _f.FireAsync();
        await UntilAsync(() => _f.HandledIds().Length == 1, "the first event handled");
        term.End("stepped down");
        await running.WaitAsync(Patience);

        var meanwhile = await _f.FireAsync();
        Lead();
        var last = await _f.FireAsync();

        await UntilAsync(() => _f.HandledIds().Length >= 3, "the events of both terms handled");
        _f.HandledIds().ShouldBe([first.Id, meanwhile.Id, last.Id]);
    }

    private (EventWatcher Watcher, LeaderTerm Term, Task Running) Lead()
    {
        var watcher = new EventWatcher(
            _f.Client,
            _f.Store,
            _f.Runner,
            _f.Config,
            _log,
            TimeProvider.System,
            new EventWatcherOptions { Loop = new BlockingQueryLoopOptions { WaitTime = TimeSpan.FromMinutes(5), RateLimitInterval = TimeSpan.Zero } });
        var term = new LeaderTerm(1, _f.Session, EventsFixture.LockKey, DateTimeOffset.UtcNow);
        var running = watcher.LeadAsync(term, _stop.Token);
        return (watcher, term, running);
    }

    private long ListRequests() => _f.Agent.Requests.Count("GET", "/v1/event/list");

    private Task WaitForStoredAsync() =>
        UntilAsync(async () => await _f.Store.LoadAsync(CancellationToken.None) is not null, "the handled set stored");

    private static Task UntilAsync(Func<bool> condition, string what, TimeSpan? patience = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, patience);

    private static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(50);
        }
    }
}
