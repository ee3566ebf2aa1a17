using System.Diagnostics;
using System.Text.Json;
using ConsulAlerts.Leadership;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.Leadership;

/// <summary>The election against the dev agent over real HTTP, in real time with short waits.</summary>
public sealed class LeaderElectionTests : IAsyncLifetime
{
    private const string LockKey = "consul-alerts/leader";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly List<(LeaderElection Election, FakeLogger<LeaderElection> Log)> _elections = [];
    private DevAgentClient _dev = null!;

    public async Task InitializeAsync() => _dev = await DevAgentClient.StartAsync();

    public async Task DisposeAsync()
    {
        _dev.Agent.Faults.Clear();
        foreach (var (election, _) in _elections)
        {
            await election.StopAsync(CancellationToken.None);
            election.Dispose();
        }

        await _dev.DisposeAsync();
    }

    [Fact]
    public async Task ExecuteAsync_Alone_TakesTheLockWithTheGoLockFlagASessionOnItsOwnCheckAndItsHolderAsValue()
    {
        var election = await StartAsync("daemon-a", lockDelay: TimeSpan.FromSeconds(3));

        var term = await election.WaitForTermAsync(CancellationToken.None).WaitAsync(Patience);

        var key = (await _dev.Client.Kv.GetAsync(LockKey)).Value.ShouldNotBeNull();
        key.Session.ShouldBe(term.SessionId);
        key.Flags.ShouldBe(0x2ddccbc058a50c18UL);
        using var value = JsonDocument.Parse(key.Value!);
        value.RootElement.GetProperty("Address").GetString().ShouldBe("daemon-a");
        value.RootElement.GetProperty("Pid").GetInt32().ShouldBe(Environment.ProcessId);
        value.RootElement.GetProperty("Host").GetString().ShouldBe(Environment.MachineName);

        var session = (await _dev.Client.Sessions.InfoAsync(term.SessionId)).Value.ShouldNotBeNull();
        session.Ttl.ShouldBe("10s");
        session.LockDelay.ShouldBe(TimeSpan.FromSeconds(3));
        (session.NodeChecks ?? []).ShouldBeEmpty();
        var check = session.ServiceChecks.ShouldHaveSingleItem().ID;
        check.ShouldStartWith("_consul-alerts-leader:");
        using var checks = await _dev.AgentChecksAsync();
        var registered = checks.RootElement.GetProperty(check);
        registered.GetProperty("Status").GetString().ShouldBe("passing");
        registered.GetProperty("ServiceName").GetString().ShouldBe("consul-alerts");
        registered.GetProperty("Type").GetString().ShouldBe("ttl");

        var status = election.Status;
        status.Role.ShouldBe(LeadershipRole.Leader);
        status.SessionId.ShouldBe(term.SessionId);
        status.Holder.ShouldNotBeNull().Session.ShouldBe(term.SessionId);
        status.LastContact.ShouldNotBeNull();
        election.CurrentTerm.ShouldBeSameAs(term);
        term.Guard.Kv.ShouldNotBeNull().Verb.ShouldBe("check-session");
    }

    [Fact]
    public async Task ExecuteAsync_ThreeDaemons_ExactlyOneLeadsAndTheOthersNameIt()
    {
        var elections = new[] { await StartAsync("a"), await StartAsync("b"), await StartAsync("c") };
        var term = await Task.WhenAny(elections.Select(e => e.WaitForTermAsync(CancellationToken.None))).Unwrap().WaitAsync(Patience);
        // Both others have tried the lock and seen who holds it: only then is "exactly one" a finding.
        await WaitUntilAsync(
            () => elections.Count(e => e.Status.Role == LeadershipRole.Standby && e.Status.Holder?.Session == term.SessionId) == 2,
            "the standbys name the holder");

        elections.Count(e => e.Status.Role == LeadershipRole.Leader).ShouldBe(1);
        var standbys = elections.Where(e => e.Status.Role == LeadershipRole.Standby).ToList();
        standbys.Count.ShouldBe(2);
        standbys.ShouldAllBe(s => s.Status.SessionId != null && s.Status.SessionId != term.SessionId);
    }

    [Fact]
    public async Task StopAsync_Leader_ReleasesAndDestroysSoAStandbyTakesOverWithoutLockDelay()
    {
        var first = await StartAsync("a", lockDelay: TimeSpan.FromSeconds(15));
        var firstTerm = await first.WaitForTermAsync(CancellationToken.None).WaitAsync(Patience);
        var second = await StartAsync("b", lockDelay: TimeSpan.FromSeconds(15));
        await WaitUntilAsync(() => second.Status.Holder?.Session == firstTerm.SessionId, "the standby sees the leader");
        var takeover = second.WaitForTermAsync(CancellationToken.None);

        var watch = Stopwatch.StartNew();
        await first.StopAsync(CancellationToken.None);
        await takeover.WaitAsync(Patience);

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        firstTerm.IsOver.ShouldBeTrue();
        (await _dev.Client.Sessions.InfoAsync(firstTerm.SessionId)).Value.ShouldBeNull();
        Log(first).ShouldContain(m => m.Contains("Released", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SessionDestroyed_Leader_EndsTheTermAtOnceAndLeadsAgainWithANewSessionAfterLockDelay()
    {
        var election = await StartAsync("a", lockDelay: TimeSpan.FromSeconds(1));
        var term = await election.WaitForTermAsync(CancellationToken.None).WaitAsync(Patience);

        var watch = Stopwatch.StartNew();
        await _dev.Client.Sessions.DestroyAsync(term.SessionId);
        await WaitUntilAsync(() => term.IsOver, "the term ends");

        // One renew period (TTL/2) is the bound; watching the key makes it much faster.
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        term.EndReason.ShouldNotBeNull();
        election.Status.Role.ShouldBe(LeadershipRole.Standby);
        var next = await election.WaitForTermAsync(CancellationToken.None).WaitAsync(Patience);
        next.SessionId.ShouldNotBe(term.SessionId);
        next.Number.ShouldBe(term.Number + 1);
        Log(election).ShouldContain(m => m.Contains("Lost leadership", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EndTerm_ReportOfAnEarlierSessionAfterTheNextTermBegan_LeavesTheNewTermAlone()
    {
        var election = await StartAsync("a", lockDelay: TimeSpan.Zero);
        var first = await election.WaitForTermAsync(CancellationToken.None).WaitAsync(Patience);
        await _dev.Client.Sessions.DestroyAsync(first.SessionId);
        await WaitUntilAsync(() => first.IsOver, "the first term ends");
        var second = await election.WaitForTermAsync(CancellationToken.None).WaitAsync(Patience);

        // The first session's invalidation reported once more, late (as its callback may be, after the next term began).
        election.EndTerm("session " + first.SessionId + " is no longer valid", first.SessionId);

        second.IsOver.ShouldBeFalse();
        election.Status.Role.ShouldBe(LeadershipRole.Leader);
        election.EndTerm("session " + second.SessionId + " is no longer valid", second.SessionId);
        second.IsOver.ShouldBeTrue("a report of the term's own session ends it");
    }

    [Fact]
    public async Task LockKeyDeleted_Leader_EndsTheTermAndTakesTheLockAgain()
    {
        var election = await StartAsync("a");
        var term = await election.WaitForTermAsync(CancellationToken.None).WaitAsync(Patience);

        await _dev.Client.Kv.DeleteAsync(LockKey);
        await WaitUntilAsync(() => term.IsOver, "the term ends");
        var next = await election.WaitForTermAsync(CancellationToken.None).WaitAsync(Patience);

        term.EndReason.ShouldNotBeNull().ShouldContain("deleted");
        next.SessionId.ShouldBe(term.SessionId);
        (await _dev.Client.Kv.GetAsync(LockKey)).Value.ShouldNotBeNull().Session.ShouldBe(term.SessionId);
    }

    [Fact]
    public async Task ConsulWithoutLeader_LongerThanTheTtl_EndsTheTermWithinTheTtlAndLeadsAgainAfterwards()
    {
        var election = await StartAsync("a", lockDelay: TimeSpan.FromSeconds(1));
        var term = await election.WaitForTermAsync(CancellationToken.None).WaitAsync(Patience);

        var watch = Stopwatch.StartNew();
        _dev.Agent.Faults.NoLeader = true;
        await WaitUntilAsync(() => term.IsOver, "the term ends");
        var lostAfter = watch.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2));
        _dev.Agent.Faults.NoLeader = false;
        var next = await election.WaitForTermAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        // Renewed last at most TTL/2 before the outage, given up a TTL after that: Consul cannot have expired it yet.
        lostAfter.ShouldBeLessThan(TimeSpan.FromSeconds(12));
        lostAfter.ShouldBeGreaterThan(TimeSpan.FromSeconds(4));
        next.SessionId.ShouldNotBe(term.SessionId);
        Log(election).Count(m => m.Contains("cannot reach Consul", StringComparison.OrdinalIgnoreCase)).ShouldBeLessThanOrEqualTo(2);
    }

    [Fact]
    public async Task LeaderCheckCritical_Leader_EndsTheTermAtOnceAndLeadsAgainOnANewSession()
    {
        var election = await StartAsync("a");
        var term = await election.WaitForTermAsync(CancellationToken.None).WaitAsync(Patience);
        var check = (await _dev.Client.Sessions.InfoAsync(term.SessionId)).Value.ShouldNotBeNull().ServiceChecks.ShouldHaveSingleItem().ID;

        // As the agent does when the daemon stops passing it: critical ends the session, long before the session TTL.
        var watch = Stopwatch.StartNew();
        await _dev.PutAsync($"v1/agent/check/fail/{Uri.EscapeDataString(check)}");
        await WaitUntilAsync(() => term.IsOver, "the term to end");
        var ended = watch.Elapsed;
        var next = await election.WaitForTermAsync(CancellationToken.None).WaitAsync(Patience);

        ended.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the session TTL (10 s) must not be what ends it");
        next.SessionId.ShouldNotBe(term.SessionId);
        (await _dev.Client.Sessions.InfoAsync(next.SessionId)).Value.ShouldNotBeNull().ServiceChecks.ShouldHaveSingleItem().ID.ShouldBe(check);
    }

    [Fact]
    public async Task ExecuteAsync_TokenMayNotRegisterTheCheck_LeadsOnATtlSessionAndSaysSoOnce()
    {
        _dev.Agent.Faults.FailNext(1, 403, "Permission denied");
        var election = await StartAsync("a");

        var term = await election.WaitForTermAsync(CancellationToken.None).WaitAsync(Patience);

        var session = (await _dev.Client.Sessions.InfoAsync(term.SessionId)).Value.ShouldNotBeNull();
        (session.ServiceChecks ?? []).ShouldBeEmpty();
        session.Ttl.ShouldBe("10s");
        Log(election).Count(m => m.Contains("Cannot register the leader check", StringComparison.Ordinal)).ShouldBe(1);
        using var checks = await _dev.AgentChecksAsync();
        checks.RootElement.EnumerateObject().ShouldNotContain(c => c.Name.StartsWith("_consul-alerts-leader:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StopAsync_Leader_RemovesItsCheckFromTheAgent()
    {
        var election = await StartAsync("a");
        var term = await election.WaitForTermAsync(CancellationToken.None).WaitAsync(Patience);
        var check = (await _dev.Client.Sessions.InfoAsync(term.SessionId)).Value.ShouldNotBeNull().ServiceChecks.ShouldHaveSingleItem().ID;

        await election.StopAsync(CancellationToken.None);

        using var checks = await _dev.AgentChecksAsync();
        checks.RootElement.TryGetProperty(check, out _).ShouldBeFalse();
    }

    [Fact]
    public async Task StopAsync_Standby_DestroysItsSessionAndLeavesTheLeaderAlone()
    {
        var leader = await StartAsync("a");
        var term = await leader.WaitForTermAsync(CancellationToken.None).WaitAsync(Patience);
        var standby = await StartAsync("b");
        await WaitUntilAsync(() => standby.Status.SessionId is not null, "the standby has a session");
        var standbySession = standby.Status.SessionId!;

        await standby.StopAsync(CancellationToken.None);

        (await _dev.Client.Sessions.InfoAsync(standbySession)).Value.ShouldBeNull();
        (await _dev.Client.Kv.GetAsync(LockKey)).Value.ShouldNotBeNull().Session.ShouldBe(term.SessionId);
        term.IsOver.ShouldBeFalse();
    }

    private async Task<LeaderElection> StartAsync(string address, TimeSpan? lockDelay = null)
    {
        var log = new FakeLogger<LeaderElection>();
        var election = new LeaderElection(
            _dev.Client,
            "consul-alerts",
            new LockHolder { Host = Environment.MachineName, Pid = Environment.ProcessId, Address = address, Started = DateTimeOffset.UtcNow, Version = "test" },
            new LeaderElectionOptions
            {
                SessionTtl = TimeSpan.FromSeconds(10),
                LockDelay = lockDelay ?? TimeSpan.FromSeconds(1),
                LockRetryTime = TimeSpan.FromMilliseconds(250),
                MinBackoff = TimeSpan.FromMilliseconds(200),
                MaxBackoff = TimeSpan.FromSeconds(1),
            },
            log,
            TimeProvider.System);
        _elections.Add((election, log));
        await election.StartAsync(CancellationToken.None);
        return election;
    }

    private List<string> Log(LeaderElection election) =>
        _elections.Single(e => e.Election == election).Log.Entries.Select(e => e.Message).ToList();

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > Patience)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(20);
        }
    }
}
