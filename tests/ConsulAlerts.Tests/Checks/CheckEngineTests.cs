using System.Text;
using ConsulAlerts.Checks;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Leadership;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.Checks;

/// <summary>
/// The engine across leadership with the whole leader path against the dev agent (<see cref="LeaderPipeline"/>):
/// terms hold a real lock, so the guard on every write is checked by the agent; decisions run on a virtual clock.
/// </summary>
public sealed class CheckEngineTests : IAsyncLifetime
{
    private const string Node = "node-1";

    private LeaderPipeline _p = null!;

    private CheckEngine Engine => _p.Engine;

    private TrackedTimeProvider Time => _p.Time;

    public async Task InitializeAsync() => _p = await LeaderPipeline.StartAsync();

    public async Task DisposeAsync() => await _p.DisposeAsync();

    [Fact]
    public void All_Standby_ShowsStoredStatesWithTheLatestLiveOutput()
    {
        Engine.Apply([Check("web", CheckStatus.Critical, "503 from live"), Check("fresh", CheckStatus.Passing, "not stored yet")]);
        Engine.ApplyStored(
        [
            new StoredCheckState($"{Node}/_/web", new CheckState
            {
                Current = CheckStatus.Passing,
                Pending = CheckStatus.Critical,
                PendingTimestamp = Time.GetUtcNow(),
                HealthCheck = Check("web", CheckStatus.Passing, "200 as stored"),
            }),
            new StoredCheckState($"{Node}/_/gone", new CheckState { Current = CheckStatus.Warning, HealthCheck = Check("gone", CheckStatus.Warning, "stored only") }),
        ]);

        Engine.IsDeciding.ShouldBeFalse();
        Engine.All.Select(s => s.HealthCheck.CheckId).Order().ShouldBe(["gone", "web"]);
        Engine.TryGet(new CheckKey(Node, "web"), out var web).ShouldBeTrue();
        web.Current.ShouldBe(CheckStatus.Passing);
        web.Pending.ShouldBe(CheckStatus.Critical);
        web.HealthCheck.Output.ShouldBe("503 from live");
        web.HealthCheck.Status.ShouldBe(CheckStatus.Critical);
        Engine.TryGet(new CheckKey(Node, "gone"), out var gone).ShouldBeTrue();
        gone.HealthCheck.Output.ShouldBe("stored only");
        Engine.TryGet(new CheckKey(Node, "fresh"), out _).ShouldBeFalse();

        // A newer snapshot replaces the live output the view substitutes.
        Engine.Apply([Check("web", CheckStatus.Critical, "500 from live")]);

        Engine.TryGet(new CheckKey(Node, "web"), out web).ShouldBeTrue();
        web.HealthCheck.Output.ShouldBe("500 from live");
        Engine.All.Single(s => s.HealthCheck.CheckId == "web").HealthCheck.Output.ShouldBe("500 from live");
    }

    [Fact]
    public async Task LeadAsync_StoredPendingState_ContinuesFromItsTimestampAndNotifiesOnce()
    {
        var now = Time.GetUtcNow();
        await StoreWebPendingCriticalFor20SecondsAsync();
        var term = await _p.TakeLockAsync();
        var lead = await _p.LeadAsync(term);

        // 30 s threshold, 20 s already pending before the term: 10 s to go, not 30.
        Time.Advance(TimeSpan.FromSeconds(9));
        Get("web").Current.ShouldBe(CheckStatus.Passing);
        Get("web").Pending.ShouldBe(CheckStatus.Critical);
        Time.Advance(TimeSpan.FromSeconds(1));
        Get("web").Current.ShouldBe(CheckStatus.Critical);

        await _p.SettleAsync();
        var message = _p.Sent.ShouldHaveSingleItem();
        message.Status.ShouldBe(CheckStatus.Critical);
        message.Output.ShouldBe("503 live");
        message.Timestamp.ShouldBe(now.AddSeconds(10));
        var stored = (await _p.ReadStateAsync(Node, "web")).ShouldNotBeNull();
        (stored.Current, stored.ForNotification).ShouldBe((CheckStatus.Critical, false));
        (await _p.KeysAsync(_p.Layout.Outbox)).ShouldBeEmpty("the delivery's entry is removed once delivered");

        Engine.Apply([Check("web", CheckStatus.Critical, "503 still")]);
        Time.Advance(TimeSpan.FromMinutes(10));
        await _p.SettleAsync();
        _p.Sent.Count.ShouldBe(1);

        term.End("test over");
        await lead.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task LeadAsync_StoredForNotification_DeliversItAndClearsTheFlag()
    {
        var decidedAt = Time.GetUtcNow().AddMinutes(-5);
        await _p.StoreAsync(new CheckState
        {
            Current = CheckStatus.Critical,
            CurrentTimestamp = decidedAt,
            ForNotification = true,
            HealthCheck = Check("db", CheckStatus.Critical, "connection refused"),
        });
        Engine.Apply([Check("db", CheckStatus.Critical, "connection refused")]);
        var term = await _p.TakeLockAsync();

        var lead = await _p.LeadAsync(term);
        await _p.SettleAsync();

        var message = _p.Sent.ShouldHaveSingleItem();
        message.CheckId.ShouldBe("db");
        message.Status.ShouldBe(CheckStatus.Critical);
        message.Timestamp.ShouldBe(decidedAt);
        var stored = (await _p.ReadStateAsync(Node, "db")).ShouldNotBeNull();
        (stored.Current, stored.ForNotification).ShouldBe((CheckStatus.Critical, false));

        term.End("test over");
        await lead.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task LeadAsync_TermEnds_ReturnsAndTheTrackerDecidesNothingMore()
    {
        await StoreWebPendingCriticalFor20SecondsAsync();
        var term = await _p.TakeLockAsync();
        var lead = await _p.LeadAsync(term);

        term.End("the lock was lost");
        await lead.WaitAsync(TimeSpan.FromSeconds(30));

        Engine.IsDeciding.ShouldBeFalse();
        Time.Advance(TimeSpan.FromMinutes(5));
        Engine.Apply([Check("web", CheckStatus.Critical, "503 later")]);
        await _p.SettleAsync();
        _p.Sent.ShouldBeEmpty();
        var web = Get("web");
        web.Current.ShouldBe(CheckStatus.Passing);
        web.Pending.ShouldBe(CheckStatus.Critical);
        web.HealthCheck.Output.ShouldBe("503 later");
        var stored = (await _p.ReadStateAsync(Node, "web")).ShouldNotBeNull();
        stored.Current.ShouldBe(CheckStatus.Passing);
        stored.ForNotification.ShouldBeFalse();
    }

    [Fact]
    public async Task LeadAsync_TokenCancelled_ReturnsWithTheTrackerStopped()
    {
        Engine.Apply([Check("web", CheckStatus.Passing, "ok")]);
        var term = await _p.TakeLockAsync();
        using var stopping = new CancellationTokenSource();
        var lead = await _p.LeadAsync(term, stopping.Token);

        await stopping.CancelAsync();
        await lead.WaitAsync(TimeSpan.FromSeconds(30));

        Engine.IsDeciding.ShouldBeFalse();
        Get("web").Current.ShouldBe(CheckStatus.Passing);
    }

    [Fact]
    public async Task LeadAsync_LockTakenByAnotherSession_ChangeIsNeitherStoredNorNotified()
    {
        await _p.StoreAsync(new CheckState { Current = CheckStatus.Passing, HealthCheck = Check("web", CheckStatus.Passing, "ok") });
        Engine.Apply([Check("web", CheckStatus.Passing, "ok")]);
        var term = await _p.TakeLockAsync();
        var lead = await _p.LeadAsync(term);
        await _p.SettleAsync();

        // Another daemon takes over; this term has not noticed yet.
        (await _p.Client.Kv.PutAsync(LeaderPipeline.LockKey, Encoding.UTF8.GetBytes("first"), new KvPutOptions { Release = term.SessionId, Flags = LeaderElectionOptions.LockFlagValue })).ShouldBeTrue();
        var other = await _p.AcquireAsync("second");
        Engine.Apply([Check("web", CheckStatus.Critical, "503")]);
        Time.Advance(TimeSpan.FromSeconds(30));
        Get("web").Current.ShouldBe(CheckStatus.Critical);
        await Eventually.ShouldHoldAsync(
            () => _p.WriterLog.Entries.Any(e => e.Message.Contains("no longer holds " + LeaderPipeline.LockKey, StringComparison.Ordinal)),
            "the writer finds the guard gone");

        await _p.SettleAsync();
        _p.Sent.ShouldBeEmpty();
        var stored = (await _p.ReadStateAsync(Node, "web")).ShouldNotBeNull();
        stored.Current.ShouldBe(CheckStatus.Passing);
        stored.Pending.ShouldBe("");
        (await _p.KeysAsync(_p.Layout.Outbox)).ShouldBeEmpty();
        (await _p.Client.Kv.GetAsync(LeaderPipeline.LockKey)).Value.ShouldNotBeNull().Session.ShouldBe(other);

        term.End("test over");
        await lead.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task LeadAsync_SnapshotAppliedWhileLoading_TrackerStartsWithTheLatest()
    {
        Engine.Apply([Check("web", CheckStatus.Passing, "first snapshot")]);
        var term = await _p.TakeLockAsync();
        await _p.BeginTermAsync(term);

        // The first load fails, so the tracker waits for its retry (virtual time) while a newer snapshot arrives.
        _p.Agent.Faults.FailNext(1, 500, "rpc error");
        var lead = Engine.LeadAsync(term, CancellationToken.None);
        Engine.Confirm();
        await Eventually.ShouldHoldAsync(() => _p.Agent.Faults.PendingFailures == 0 && Time.PendingTimers == 1, "the load failed and waits to retry");
        Engine.IsDeciding.ShouldBeFalse();
        Engine.Apply([Check("web", CheckStatus.Critical, "second snapshot"), Check("db", CheckStatus.Passing, "second snapshot")]);

        Time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.ShouldHoldAsync(() => Engine.IsDeciding, "the retried load succeeded");

        Engine.All.Select(s => s.HealthCheck.CheckId).Order().ShouldBe(["db", "web"]);
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
        await _p.StoreAsync(new CheckState
        {
            Current = CheckStatus.Passing,
            Pending = CheckStatus.Critical,
            PendingTimestamp = Time.GetUtcNow().AddSeconds(-25),
            HealthCheck = Check("gone", CheckStatus.Critical, "503 before the outage"),
        });
        Engine.Apply([Check("gone", CheckStatus.Critical, "503 before the outage"), Check("web", CheckStatus.Passing, "ok")]);
        var term = await _p.TakeLockAsync();
        await _p.BeginTermAsync(term);

        var lead = Engine.LeadAsync(term, CancellationToken.None);
        await Eventually.ShouldHoldAsync(() => _p.Agent.Requests.Count("GET", "/v1/kv/consul-alerts/checks") >= 1, "the term read the stored state");
        Time.Advance(TimeSpan.FromSeconds(10));
        Engine.IsDeciding.ShouldBeFalse("a snapshot from before the term is never decided on");

        Engine.Apply([Check("web", CheckStatus.Passing, "ok")]);
        Engine.Confirm();
        await Eventually.ShouldHoldAsync(() => Engine.IsDeciding, "the term's tracker decides on the fresh read");
        Time.Advance(TimeSpan.FromMinutes(5));
        await _p.SettleAsync();

        (await _p.ReadStateAsync(Node, "gone")).ShouldBeNull();
        _p.Sent.ShouldBeEmpty();
        Engine.All.Select(s => s.HealthCheck.CheckId).ShouldBe(["web"]);
        term.End("test over");
        await lead.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Transition_OneCheck_CostsThreeWritesPendingDecisionAndOutboxRemoval()
    {
        Engine.Apply([Check("web", CheckStatus.Passing, "ok")]);
        var term = await _p.TakeLockAsync();
        var lead = await _p.LeadAsync(term);
        await _p.SettleAsync();
        _p.Agent.Requests.Reset();

        Engine.Apply([Check("web", CheckStatus.Critical, "503")]);
        await _p.SettleAsync();
        Time.Advance(TimeSpan.FromSeconds(30));
        await _p.SettleAsync();

        _p.Sent.ShouldHaveSingleItem().Status.ShouldBe(CheckStatus.Critical);
        _p.Agent.Requests.Count("PUT", "/v1/txn").ShouldBe(3, "the pending status, the decision with its outbox entry, the entry's removal");
        _p.Agent.Requests.Count("PUT", "/v1/kv").ShouldBe(0);
        (await _p.KeysAsync(_p.Layout.Outbox)).ShouldBeEmpty();
        term.End("test over");
        await lead.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Transition_BurstOfSixtyChecks_SharesThreeTransactions()
    {
        var checks = Enumerable.Range(0, 60).Select(i => $"http-{i}").ToList();
        Engine.Apply(checks.ConvertAll(c => Check(c, CheckStatus.Passing, "200 OK")));
        var term = await _p.TakeLockAsync();
        var lead = await _p.LeadAsync(term);
        await _p.SettleAsync();
        _p.Agent.Requests.Reset();

        Engine.Apply(checks.ConvertAll(c => Check(c, CheckStatus.Critical, "503 Service Unavailable")));
        await _p.SettleAsync();
        Time.Advance(TimeSpan.FromSeconds(30));
        await _p.SettleAsync();

        _p.Sent.Select(m => m.CheckId).Order(StringComparer.Ordinal).ShouldBe(checks.Order(StringComparer.Ordinal));
        _p.Agent.Requests.Count("PUT", "/v1/txn").ShouldBeLessThanOrEqualTo(3, "sixty pending statuses, sixty decisions with their outbox entries, their removals: up to 63 operations each");
        _p.Agent.Requests.Count("PUT", "/v1/kv").ShouldBe(0);
        foreach (var check in checks)
        {
            (await _p.ReadStateAsync(Node, check)).ShouldNotBeNull().Current.ShouldBe(CheckStatus.Critical);
        }

        (await _p.KeysAsync(_p.Layout.Outbox)).ShouldBeEmpty();
        term.End("test over");
        await lead.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static CheckInfo Check(string checkId, string status, string output) => new()
    {
        Node = Node,
        CheckId = checkId,
        Name = "check " + checkId,
        Status = status,
        Output = output,
    };

    private CheckState Get(string checkId)
    {
        Engine.TryGet(new CheckKey(Node, checkId), out var state).ShouldBeTrue();
        return state;
    }

    /// <summary>Stores web as passing with critical pending for 20 s, and a snapshot that still shows it critical.</summary>
    private async Task StoreWebPendingCriticalFor20SecondsAsync()
    {
        var now = Time.GetUtcNow();
        await _p.StoreAsync(new CheckState
        {
            Current = CheckStatus.Passing,
            CurrentTimestamp = now.AddHours(-1),
            Pending = CheckStatus.Critical,
            PendingTimestamp = now.AddSeconds(-20),
            HealthCheck = Check("web", CheckStatus.Critical, "503 as stored"),
        });
        Engine.Apply([Check("web", CheckStatus.Critical, "503 live")]);
    }
}
