using System.Text;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.DevAgent;
using ConsulAlerts.Leadership;
using ConsulAlerts.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Tests.Checks;

/// <summary>
/// The engine across leadership against the dev agent: terms hold a real lock, so the guard on every write is
/// checked by the agent. The tracker's debounce and retries run on a virtual clock.
/// </summary>
public sealed class CheckEngineTests : IAsyncLifetime
{
    private const string LockKey = "consul-alerts/leader";
    private const string Node = "node-1";

    private readonly TrackedTimeProvider _time = new();
    private readonly AlertsConfigStore _config = new();
    private readonly RecordingAlertSink _sink = new();
    private readonly FakeLogger<CheckTracker> _trackerLog = new();
    private DevAgentServer _agent = null!;
    private ConsulClient _client = null!;
    private CheckStateStore _store = null!;
    private CheckEngine _engine = null!;

    public async Task InitializeAsync()
    {
        _agent = await DevAgentServer.StartAsync(new DevAgentOptions());
        _client = ConsulClient.Create(new ConsulClientOptions { Address = _agent.Address.ToString() });
        _config.Publish(new AlertsConfig { Revision = 1, Checks = new ChecksConfig { ChangeThreshold = TimeSpan.FromSeconds(30) } });
        _store = new CheckStateStore(_client, "consul-alerts", NullLogger<CheckStateStore>.Instance);

        // Retries capped at 1 s of virtual time, so a test can drive them by advancing the clock.
        var options = new CheckTrackerOptions { InitialRetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(1) };
        _engine = new CheckEngine(_config, _sink, _store, _trackerLog, _time, options);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _agent.DisposeAsync();
    }

    [Fact]
    public void All_Standby_ShowsStoredStatesWithTheLatestLiveOutput()
    {
        _engine.Apply([Check("web", CheckStatus.Critical, "503 from live"), Check("fresh", CheckStatus.Passing, "not stored yet")]);
        _engine.ApplyStored(
        [
            new StoredCheckState($"{Node}/_/web", new CheckState
            {
                Current = CheckStatus.Passing,
                Pending = CheckStatus.Critical,
                PendingTimestamp = _time.GetUtcNow(),
                HealthCheck = Check("web", CheckStatus.Passing, "200 as stored"),
            }),
            new StoredCheckState($"{Node}/_/gone", new CheckState { Current = CheckStatus.Warning, HealthCheck = Check("gone", CheckStatus.Warning, "stored only") }),
        ]);

        _engine.IsDeciding.ShouldBeFalse();
        _engine.All.Select(s => s.HealthCheck.CheckId).Order().ShouldBe(["gone", "web"]);
        _engine.TryGet(new CheckKey(Node, "web"), out var web).ShouldBeTrue();
        web.Current.ShouldBe(CheckStatus.Passing);
        web.Pending.ShouldBe(CheckStatus.Critical);
        web.HealthCheck.Output.ShouldBe("503 from live");
        web.HealthCheck.Status.ShouldBe(CheckStatus.Critical);
        _engine.TryGet(new CheckKey(Node, "gone"), out var gone).ShouldBeTrue();
        gone.HealthCheck.Output.ShouldBe("stored only");
        _engine.TryGet(new CheckKey(Node, "fresh"), out _).ShouldBeFalse();

        // A newer snapshot replaces the live output the view substitutes.
        _engine.Apply([Check("web", CheckStatus.Critical, "500 from live")]);

        _engine.TryGet(new CheckKey(Node, "web"), out web).ShouldBeTrue();
        web.HealthCheck.Output.ShouldBe("500 from live");
        _engine.All.Single(s => s.HealthCheck.CheckId == "web").HealthCheck.Output.ShouldBe("500 from live");
    }

    [Fact]
    public async Task LeadAsync_StoredPendingState_ContinuesFromItsTimestampAndNotifiesOnce()
    {
        var now = _time.GetUtcNow();
        await StoreWebPendingCriticalFor20SecondsAsync();
        var term = await TakeLockAsync();

        var lead = _engine.LeadAsync(term, CancellationToken.None);
        _engine.Confirm();
        await Eventually.ShouldHoldAsync(() => _engine.IsDeciding, "the term's tracker is deciding");

        // 30 s threshold, 20 s already pending before the term: 10 s to go, not 30.
        _time.Advance(TimeSpan.FromSeconds(9));
        Get("web").Current.ShouldBe(CheckStatus.Passing);
        Get("web").Pending.ShouldBe(CheckStatus.Critical);
        _time.Advance(TimeSpan.FromSeconds(1));
        Get("web").Current.ShouldBe(CheckStatus.Critical);

        await Eventually.ShouldHoldAsync(() => _sink.Transitions.Count == 1, "the change is notified");
        var transition = _sink.Transitions.Single();
        transition.PreviousStatus.ShouldBe(CheckStatus.Passing);
        transition.Status.ShouldBe(CheckStatus.Critical);
        transition.Check.Output.ShouldBe("503 live");
        transition.At.ShouldBe(now.AddSeconds(10));
        await WaitForStoredAsync("web", s => s.Current == CheckStatus.Critical && !s.ForNotification, "the delivery is recorded");

        _engine.Apply([Check("web", CheckStatus.Critical, "503 still")]);
        _time.Advance(TimeSpan.FromMinutes(10));
        await TakeTurnsAsync();
        _sink.Transitions.Count.ShouldBe(1);

        term.End("test over");
        await lead.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task LeadAsync_StoredForNotification_DeliversItAndClearsTheFlag()
    {
        var decidedAt = _time.GetUtcNow().AddMinutes(-5);
        await StoreAsync(new CheckState
        {
            Current = CheckStatus.Critical,
            CurrentTimestamp = decidedAt,
            ForNotification = true,
            HealthCheck = Check("db", CheckStatus.Critical, "connection refused"),
        });
        _engine.Apply([Check("db", CheckStatus.Critical, "connection refused")]);
        var term = await TakeLockAsync();

        var lead = _engine.LeadAsync(term, CancellationToken.None);
        _engine.Confirm();

        await Eventually.ShouldHoldAsync(() => _sink.Transitions.Count == 1, "the stored notification is sent");
        var transition = _sink.Transitions.Single();
        transition.Check.CheckId.ShouldBe("db");
        transition.Status.ShouldBe(CheckStatus.Critical);
        transition.At.ShouldBe(decidedAt);
        await WaitForStoredAsync("db", s => s.Current == CheckStatus.Critical && !s.ForNotification, "the delivery is recorded");
        _sink.Transitions.Count.ShouldBe(1);

        term.End("test over");
        await lead.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task LeadAsync_TermEnds_ReturnsAndTheTrackerDecidesNothingMore()
    {
        await StoreWebPendingCriticalFor20SecondsAsync();
        var term = await TakeLockAsync();
        var lead = _engine.LeadAsync(term, CancellationToken.None);
        _engine.Confirm();
        await Eventually.ShouldHoldAsync(() => _engine.IsDeciding, "the term's tracker is deciding");

        term.End("the lock was lost");
        await lead.WaitAsync(TimeSpan.FromSeconds(30));

        _engine.IsDeciding.ShouldBeFalse();
        _time.Advance(TimeSpan.FromMinutes(5));
        _engine.Apply([Check("web", CheckStatus.Critical, "503 later")]);
        await TakeTurnsAsync();
        _sink.Transitions.ShouldBeEmpty();
        var web = Get("web");
        web.Current.ShouldBe(CheckStatus.Passing);
        web.Pending.ShouldBe(CheckStatus.Critical);
        web.HealthCheck.Output.ShouldBe("503 later");
        var stored = await ReadStoredAsync("web");
        stored.Current.ShouldBe(CheckStatus.Passing);
        stored.ForNotification.ShouldBeFalse();
    }

    [Fact]
    public async Task LeadAsync_TokenCancelled_ReturnsWithTheTrackerStopped()
    {
        _engine.Apply([Check("web", CheckStatus.Passing, "ok")]);
        var term = await TakeLockAsync();
        using var stopping = new CancellationTokenSource();
        var lead = _engine.LeadAsync(term, stopping.Token);
        _engine.Confirm();
        await Eventually.ShouldHoldAsync(() => _engine.IsDeciding, "the term's tracker is deciding");

        await stopping.CancelAsync();
        await lead.WaitAsync(TimeSpan.FromSeconds(30));

        _engine.IsDeciding.ShouldBeFalse();
        Get("web").Current.ShouldBe(CheckStatus.Passing);
    }

    [Fact]
    public async Task LeadAsync_LockTakenByAnotherSession_ChangeIsNeitherStoredNorNotified()
    {
        await StoreAsync(new CheckState { Current = CheckStatus.Passing, HealthCheck = Check("web", CheckStatus.Passing, "ok") });
        _engine.Apply([Check("web", CheckStatus.Passing, "ok")]);
        var term = await TakeLockAsync();
        var lead = _engine.LeadAsync(term, CancellationToken.None);
        _engine.Confirm();
        await Eventually.ShouldHoldAsync(() => _engine.IsDeciding, "the term's tracker is deciding");

        // Another daemon takes over; this term has not noticed yet.
        (await _client.Kv.PutAsync(LockKey, Encoding.UTF8.GetBytes("first"), new KvPutOptions { Release = term.SessionId, Flags = LeaderElectionOptions.LockFlagValue })).ShouldBeTrue();
        var other = await AcquireAsync("second");
        _agent.Requests.Reset();
        _engine.Apply([Check("web", CheckStatus.Critical, "503")]);
        _time.Advance(TimeSpan.FromSeconds(30));
        Get("web").Current.ShouldBe(CheckStatus.Critical);
        await Eventually.ShouldHoldAsync(
            () =>
            {
                _time.Advance(TimeSpan.FromSeconds(1));
                return _agent.Requests.Count("PUT", "/v1/txn") >= 3;
            },
            "the write has been tried and retried");

        _sink.Transitions.ShouldBeEmpty();
        var stored = await ReadStoredAsync("web");
        stored.Current.ShouldBe(CheckStatus.Passing);
        stored.Pending.ShouldBe("");
        stored.ForNotification.ShouldBeFalse();
        (await _client.Kv.GetAsync(LockKey)).Value.ShouldNotBeNull().Session.ShouldBe(other);
        _trackerLog.Entries.ShouldContain(e => e.Message.Contains("no longer holds " + LockKey, StringComparison.Ordinal));

        term.End("test over");
        await lead.WaitAsync(TimeSpan.FromSeconds(30));
        _sink.Transitions.ShouldBeEmpty();
    }

    [Fact]
    public async Task LeadAsync_SnapshotAppliedWhileLoading_TrackerStartsWithTheLatest()
    {
        _engine.Apply([Check("web", CheckStatus.Passing, "first snapshot")]);
        var term = await TakeLockAsync();

        // The first load fails, so the tracker waits for its retry (virtual time) while a newer snapshot arrives.
        _agent.Faults.FailNext(1, 500, "rpc error");
        var lead = _engine.LeadAsync(term, CancellationToken.None);
        _engine.Confirm();
        await Eventually.ShouldHoldAsync(() => _agent.Faults.PendingFailures == 0 && _time.PendingTimers == 1, "the load failed and waits to retry");
        _engine.IsDeciding.ShouldBeFalse();
        _engine.Apply([Check("web", CheckStatus.Critical, "second snapshot"), Check("db", CheckStatus.Passing, "second snapshot")]);

        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.ShouldHoldAsync(() => _engine.IsDeciding, "the retried load succeeded");

        _engine.All.Select(s => s.HealthCheck.CheckId).Order().ShouldBe(["db", "web"]);
        var web = Get("web");
        web.Pending.ShouldBe(CheckStatus.Critical);
        web.HealthCheck.Output.ShouldBe("second snapshot");

        term.End("test over");
        await lead.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task LeadAsync_OnlyASnapshotFromBeforeTheTerm_WaitsForAFreshReadAndNeverNotifiesAVanishedCheck()
    {
        // Before an outage: "gone" was failing and pending; while Consul was away it was deregistered.
        await StoreAsync(new CheckState
        {
            Current = CheckStatus.Passing,
            Pending = CheckStatus.Critical,
            PendingTimestamp = _time.GetUtcNow().AddSeconds(-25),
            HealthCheck = Check("gone", CheckStatus.Critical, "503 before the outage"),
        });
        _engine.Apply([Check("gone", CheckStatus.Critical, "503 before the outage"), Check("web", CheckStatus.Passing, "ok")]);
        var term = await TakeLockAsync();

        var lead = _engine.LeadAsync(term, CancellationToken.None);
        await TakeTurnsAsync();
        _time.Advance(TimeSpan.FromSeconds(10));
        await TakeTurnsAsync();
        _engine.IsDeciding.ShouldBeFalse("a snapshot from before the term is never decided on");

        _engine.Apply([Check("web", CheckStatus.Passing, "ok")]);
        _engine.Confirm();
        await Eventually.ShouldHoldAsync(() => _engine.IsDeciding, "the term's tracker decides on the fresh read");
        _time.Advance(TimeSpan.FromMinutes(5));
        await WaitForGoneAsync("gone");

        _sink.Transitions.ShouldBeEmpty();
        _engine.All.Select(s => s.HealthCheck.CheckId).ShouldBe(["web"]);
        term.End("test over");
        await lead.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private async Task WaitForGoneAsync(string checkId)
    {
        var key = $"{_store.Prefix}{Node}/_/{checkId}";
        await Eventually.ShouldHoldAsync(() => _client.Kv.GetAsync(key).GetAwaiter().GetResult().Value is null, $"{checkId}'s state deleted");
    }

    private static CheckInfo Check(string checkId, string status, string output) => new()
    {
        Node = Node,
        CheckId = checkId,
        Name = "check " + checkId,
        Status = status,
        Output = output,
    };

    /// <summary>Gives background work a moment; only used before asserting that something did not happen.</summary>
    private static Task TakeTurnsAsync() => Task.Delay(TimeSpan.FromMilliseconds(300));

    private CheckState Get(string checkId)
    {
        _engine.TryGet(new CheckKey(Node, checkId), out var state).ShouldBeTrue();
        return state;
    }

    private async Task<LeaderTerm> TakeLockAsync()
    {
        var session = await AcquireAsync("first");
        return new LeaderTerm(1, session, LockKey, _time.GetUtcNow());
    }

    private async Task<string> AcquireAsync(string holder)
    {
        var session = await _client.Sessions.CreateAsync(new SessionOptions { Ttl = TimeSpan.FromSeconds(30), NodeChecks = [] });
        var acquired = await _client.Kv.PutAsync(LockKey, Encoding.UTF8.GetBytes(holder), new KvPutOptions { Acquire = session, Flags = LeaderElectionOptions.LockFlagValue });
        acquired.ShouldBeTrue();
        return session;
    }

    private Task<IReadOnlyList<string>> StoreAsync(CheckState state) =>
        _store.WriteAsync([new CheckStateChange(CheckStateStore.KeyOf(state.HealthCheck), state)], CancellationToken.None);

    private async Task<CheckState> ReadStoredAsync(string checkId)
    {
        var pair = (await _client.Kv.GetAsync($"{_store.Prefix}{Node}/_/{checkId}")).Value.ShouldNotBeNull();
        return CheckStateStore.Deserialize(pair.Value.ShouldNotBeNull());
    }

    private async Task WaitForStoredAsync(string checkId, Func<CheckState, bool> condition, string because)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition(await ReadStoredAsync(checkId)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {because}.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Stores web as passing with critical pending for 20 s, and a snapshot that still shows it critical.</summary>
    private async Task StoreWebPendingCriticalFor20SecondsAsync()
    {
        var now = _time.GetUtcNow();
        await StoreAsync(new CheckState
        {
            Current = CheckStatus.Passing,
            CurrentTimestamp = now.AddHours(-1),
            Pending = CheckStatus.Critical,
            PendingTimestamp = now.AddSeconds(-20),
            HealthCheck = Check("web", CheckStatus.Critical, "503 as stored"),
        });
        _engine.Apply([Check("web", CheckStatus.Critical, "503 live")]);
    }
}
