using ConsulAlerts.Leadership;
using ConsulAlerts.Tests.Testing;

namespace ConsulAlerts.Tests.Leadership;

public sealed class LeaderLeaseCheckTests : IAsyncLifetime
{
    private static readonly LockHolder Holder = new() { Host = "host-a", Pid = 42, Address = "127.0.0.1:9000" };

    private readonly FakeLogger<LeaderLeaseCheck> _log = new();
    private DevAgentClient _dev = null!;

    public async Task InitializeAsync() => _dev = await DevAgentClient.StartAsync();

    public async Task DisposeAsync() => await _dev.DisposeAsync();

    [Theory]
    [InlineData("_consul-alerts-leader:0a1b2c3d4e5f", true)]
    [InlineData("_consul-alerts-leader:", true)]
    [InlineData("consul-alerts-leader:0a1b", false)]
    [InlineData("_consul-alerts-leader", false)]
    [InlineData("serfHealth", false)]
    [InlineData("", false)]
    public void IsLeaderCheck_CheckId_OnlyTheDaemonsOwn(string checkId, bool expected)
    {
        LeaderLeaseCheck.IsLeaderCheck(checkId).ShouldBe(expected);
    }

    [Fact]
    public void New_TwoDaemons_NeverShareACheck()
    {
        var a = new LeaderLeaseCheck(_dev.Client, TimeSpan.FromSeconds(4), Holder, "consul-alerts", _log);
        var b = new LeaderLeaseCheck(_dev.Client, TimeSpan.FromSeconds(4), Holder, "consul-alerts", _log);

        a.CheckId.ShouldNotBe(b.CheckId);
        a.ServiceId.ShouldNotBe(b.ServiceId);
    }

    [Fact]
    public async Task RegisterAsync_Enabled_ServiceWithAPassingTtlCheckNamingTheDaemon()
    {
        var check = new LeaderLeaseCheck(_dev.Client, TimeSpan.FromSeconds(4), Holder, "team-a", _log);

        (await check.RegisterAsync(CancellationToken.None)).ShouldBe(check.CheckId);

        using var checks = await _dev.AgentChecksAsync();
        var registered = checks.RootElement.GetProperty(check.CheckId);
        registered.GetProperty("Status").GetString().ShouldBe("passing");
        registered.GetProperty("ServiceID").GetString().ShouldBe(check.ServiceId);
        registered.GetProperty("ServiceName").GetString().ShouldBe("consul-alerts");
        registered.GetProperty("Notes").GetString().ShouldBe("Passed by consul-alerts on host-a (pid 42, KV prefix team-a) while it runs; its leader session ends when this check turns critical.");
        _log.Collector.GetSnapshot().Count(r => r.Message.Contains("Registered the leader check", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task RegisterAsync_TtlZero_NoCheckAndNoRequest()
    {
        var check = new LeaderLeaseCheck(_dev.Client, TimeSpan.Zero, Holder, "consul-alerts", _log);
        var before = _dev.Agent.Requests.Total;

        (await check.RegisterAsync(CancellationToken.None)).ShouldBeNull();

        _dev.Agent.Requests.Total.ShouldBe(before);
    }

    [Fact]
    public async Task RegisterAsync_PermissionDenied_NullFromThenOnAndOneLogLine()
    {
        var check = new LeaderLeaseCheck(_dev.Client, TimeSpan.FromSeconds(4), Holder, "consul-alerts", _log);
        _dev.Agent.Faults.FailNext(1, 403, "Permission denied");

        (await check.RegisterAsync(CancellationToken.None)).ShouldBeNull();
        (await check.RegisterAsync(CancellationToken.None)).ShouldBeNull();

        _log.Collector.GetSnapshot().Count(r => r.Message.Contains("Cannot register the leader check", StringComparison.Ordinal)).ShouldBe(1);
        _dev.Agent.Requests.Count("PUT", "/v1/agent/service/register").ShouldBe(1);
    }

    [Fact]
    public async Task DeregisterAsync_Registered_RemovesServiceAndCheck()
    {
        var check = new LeaderLeaseCheck(_dev.Client, TimeSpan.FromSeconds(4), Holder, "consul-alerts", _log);
        await check.RegisterAsync(CancellationToken.None);

        await check.DeregisterAsync(CancellationToken.None);

        using var checks = await _dev.AgentChecksAsync();
        checks.RootElement.TryGetProperty(check.CheckId, out _).ShouldBeFalse();
    }
}
