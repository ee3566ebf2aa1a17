using ConsulAlerts.Leadership;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.Leadership;

/// <summary>The session's keep-alive against the dev agent over real HTTP; the keeper's own clock is virtual.</summary>
public sealed class LeaderSessionKeeperTests : IAsyncLifetime
{
    private static readonly LeaderElectionOptions Options = new() { SessionTtl = TimeSpan.FromSeconds(10), CheckTtl = TimeSpan.FromSeconds(4) };

    private readonly FakeTimeProvider _time = new();
    private readonly FakeLogger<LeaderSessionKeeper> _log = new();
    private DevAgentClient _dev = null!;

    public async Task InitializeAsync() => _dev = await DevAgentClient.StartAsync();

    public async Task DisposeAsync() => await _dev.DisposeAsync();

    [Fact]
    public async Task CreateAsync_CheckOn_SessionDependsOnAPassingCheckOfItsOwn()
    {
        var (keeper, _) = Keeper();

        var session = await keeper.CreateAsync(CancellationToken.None);

        var entry = (await _dev.Client.Sessions.InfoAsync(session.Id)).Value.ShouldNotBeNull();
        entry.ServiceChecks.ShouldHaveSingleItem().ID.ShouldBe(session.CheckId);
        session.CheckId.ShouldNotBeNull().ShouldStartWith(LeaderLeaseCheck.CheckIdPrefix);
        session.LeaseHolds().ShouldBeTrue();
        session.Invalidate("test over");
    }

    [Fact]
    public async Task CreateAsync_CheckLeftCriticalByAStall_PassesItAndGetsASession()
    {
        var (keeper, check) = Keeper();
        var first = await keeper.CreateAsync(CancellationToken.None);
        first.Invalidate("stalled");
        await _dev.PutAsync($"v1/agent/check/fail/{Uri.EscapeDataString(check.CheckId)}");

        var second = await keeper.CreateAsync(CancellationToken.None);

        (await _dev.Client.Sessions.InfoAsync(second.Id)).Value.ShouldNotBeNull().ServiceChecks.ShouldHaveSingleItem().ID.ShouldBe(check.CheckId);
        using var checks = await _dev.AgentChecksAsync();
        checks.RootElement.GetProperty(check.CheckId).GetProperty("Status").GetString().ShouldBe("passing");
        second.Invalidate("test over");
    }

    [Fact]
    public async Task PassLoop_StalledPastTheCheckTtl_GivesTheSessionUpWithoutPassing()
    {
        var (keeper, _) = Keeper();
        var session = await keeper.CreateAsync(CancellationToken.None);
        var passes = Passes();

        // What a SIGSTOP looks like from inside: every timer is overdue at once.
        _time.Advance(TimeSpan.FromSeconds(30));

        await Eventually.ShouldHoldAsync(() => session.IsInvalidated, "the session given up");
        session.Reason.ShouldStartWith("its lease ran out");
        keeper.Holds(session).ShouldBeFalse();
        Passes().ShouldBe(passes, "a pass after a stall would revive a check whose session Consul may have ended");
    }

    [Fact]
    public async Task PassLoop_CheckRemovedFromTheAgent_GivesTheSessionUp()
    {
        var (keeper, check) = Keeper();
        var session = await keeper.CreateAsync(CancellationToken.None);
        await _dev.PutAsync($"v1/agent/service/deregister/{check.ServiceId}");

        _time.Advance(Options.CheckPassInterval);

        await Eventually.ShouldHoldAsync(() => session.IsInvalidated, "the session given up");
        session.Reason.ShouldContain("is gone from the agent");
    }

    private (LeaderSessionKeeper Keeper, LeaderLeaseCheck Check) Keeper()
    {
        var holder = new LockHolder { Host = "test-host", Pid = 42, Address = "127.0.0.1:9000" };
        var check = new LeaderLeaseCheck(_dev.Client, Options.CheckTtl, holder, "consul-alerts", _log);
        return (new LeaderSessionKeeper(_dev.Client, Options, "test", _log, _time, () => { }, check), check);
    }

    private long Passes() => _dev.Agent.Requests.Count("PUT", "/v1/agent/check/pass/");
}
