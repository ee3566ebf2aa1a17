using System.Text;
using System.Text.Json;
using ConsulAlerts.ClusterHealth;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Leadership;
using ConsulAlerts.Notifications;
using ConsulAlerts.Storage;
using ConsulAlerts.Tests.Muting;
using ConsulAlerts.Tests.Notifications.Testing;
using ConsulAlerts.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Tests.ClusterHealth;

public sealed class ClusterOutageAlerterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly LockHolder Other = new() { Host = "other", Session = "sid-other" };
    private readonly FakeNotifier _log = new("log");
    private readonly FakeSilenceSource _silences = new();
    private DevAgentClient _consul = null!;
    private LeadershipStatus _status = Standby(null);

    public async Task InitializeAsync() => _consul = await DevAgentClient.StartAsync();

    public async Task DisposeAsync() => await _consul.DisposeAsync();

    [Fact]
    public async Task Observe_AgentDownPastTheThresholdAsLastLeader_OneCriticalThenOnePassingThenRecorded()
    {
        var alerter = Create();
        var config = Config(("checks/consul-health/unreachable-after", "30s"));
        _status = Leader();
        await alerter.ObserveAsync(Up(T0), config, default);
        _status = Standby(null); // the term ended with the agent; nobody else seen

        foreach (var seconds in new[] { 10, 20, 30, 40, 50, 60 })
        {
            await alerter.ObserveAsync(AgentDown(T0.AddSeconds(seconds)), config, default);
        }

        alerter.Acting.ShouldBe(["consul-agent"]);
        await alerter.ObserveAsync(Up(T0.AddSeconds(70)), config, default);
        await alerter.ObserveAsync(Up(T0.AddSeconds(80)), config, default);

        var sent = Sent();
        sent.Select(m => $"{m.Node}/{m.CheckId} {m.Status}").ShouldBe(["_consul/consul-agent critical", "_consul/consul-agent passing"]);
        sent[0].Output.ShouldStartWith("Consul agent unreachable: ");
        sent[0].Check.ShouldBe("Consul agent of consul-alerts");
        sent[0].Timestamp.ShouldBe(T0.AddSeconds(40));
        alerter.Acting.ShouldBeEmpty();
        var record = await RecordAsync("consul-agent");
        record.GetProperty("Started").GetDateTimeOffset().ShouldBe(T0.AddSeconds(10));
        record.GetProperty("CriticalSent").GetDateTimeOffset().ShouldBe(T0.AddSeconds(40));
        record.GetProperty("Ended").GetDateTimeOffset().ShouldBe(T0.AddSeconds(70));
        record.GetProperty("Daemon").GetString().ShouldBe("test-daemon");
    }

    [Fact]
    public async Task Observe_RecordWriteFails_TriedAgainNextRoundWithoutSendingAgain()
    {
        var alerter = Create();
        var config = Config(("checks/consul-health/unreachable-after", "5s"));
        _status = Leader();
        await alerter.ObserveAsync(Up(T0), config, default);
        _status = Standby(null);
        await alerter.ObserveAsync(AgentDown(T0.AddSeconds(1)), config, default);
        await alerter.ObserveAsync(AgentDown(T0.AddSeconds(10)), config, default);
        _consul.Agent.Faults.FailNext(1, 500, "rpc error");

        await alerter.ObserveAsync(Up(T0.AddSeconds(20)), config, default);
        (await _consul.Client.Kv.GetAsync("consul-alerts/consul-health/outages/consul-agent")).Value.ShouldBeNull();
        await alerter.ObserveAsync(Up(T0.AddSeconds(30)), config, default);

        (await RecordAsync("consul-agent")).GetProperty("Ended").GetDateTimeOffset().ShouldBe(T0.AddSeconds(20));
        Sent().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Observe_StandbyThatSawAnotherHolder_NeverSends()
    {
        var alerter = Create();
        var config = Config(("checks/consul-health/unreachable-after", "5s"));
        _status = Leader();
        await alerter.ObserveAsync(Up(T0), config, default);
        _status = Standby(Other);
        await alerter.ObserveAsync(Up(T0.AddSeconds(1)), config, default);

        for (int i = 2; i < 60; i += 10)
        {
            await alerter.ObserveAsync(AgentDown(T0.AddSeconds(i)), config, default);
        }

        await alerter.ObserveAsync(Up(T0.AddSeconds(70)), config, default);
        alerter.IsLastLeader.ShouldBeFalse();
        _log.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Observe_NeverLed_NeverSends()
    {
        var alerter = Create();
        var config = Config(("checks/consul-health/unreachable-after", "5s"));

        for (int i = 0; i < 60; i += 10)
        {
            await alerter.ObserveAsync(NoLeader(T0.AddSeconds(i)), config, default);
            await alerter.ObserveAsync(AgentDown(T0.AddSeconds(i + 5)), config, default);
        }

        _log.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Observe_StillLeading_LeftToTheEngineUntilTheTermEnds()
    {
        var alerter = Create();
        var config = Config(("checks/change-threshold", "5"));
        _status = Leader();
        await alerter.ObserveAsync(NoLeader(T0), config, default);
        await alerter.ObserveAsync(NoLeader(T0.AddSeconds(10)), config, default);
        _log.Calls.ShouldBeEmpty();

        _status = Standby(null);
        await alerter.ObserveAsync(NoLeader(T0.AddSeconds(20)), config, default);

        Sent().ShouldHaveSingleItem().CheckId.ShouldBe("consul-leader");
    }

    [Fact]
    public async Task Observe_NoLeaderShorterThanItsThreshold_NothingSent()
    {
        var alerter = Create();
        var config = Config(("checks/node/_consul/change-threshold", "30"));
        _status = Leader();
        await alerter.ObserveAsync(Up(T0), config, default);
        _status = Standby(null);

        await alerter.ObserveAsync(NoLeader(T0.AddSeconds(1)), config, default);
        await alerter.ObserveAsync(NoLeader(T0.AddSeconds(30)), config, default);
        await alerter.ObserveAsync(Up(T0.AddSeconds(31)), config, default);

        _log.Calls.ShouldBeEmpty();
        (await _consul.Client.Kv.GetAsync("consul-alerts/consul-health/outages/consul-leader")).Value.ShouldBeNull();
    }

    [Fact]
    public async Task Observe_NoLeaderPastItsThreshold_CriticalOnceWithConsulsAnswer()
    {
        var alerter = Create();
        var config = Config(("checks/node/_consul/change-threshold", "30"));
        _status = Leader();
        await alerter.ObserveAsync(Up(T0), config, default);
        _status = Standby(null);

        for (int i = 1; i <= 100; i += 10)
        {
            await alerter.ObserveAsync(NoLeader(T0.AddSeconds(i)), config, default);
        }

        var critical = Sent().ShouldHaveSingleItem();
        critical.Status.ShouldBe("critical");
        critical.Output.ShouldBe("No cluster leader: Consul GET /v1/kv/x failed: 500 No cluster leader");
        critical.Timestamp.ShouldBe(T0.AddSeconds(31));
    }

    [Fact]
    public async Task Observe_LeaderUnknownWhileTheAgentIsDown_NoLeaderOutageKeptOpen()
    {
        var alerter = Create();
        var config = Config(("checks/change-threshold", "20"), ("checks/consul-health/consul-agent/enabled", "false"));
        _status = Leader();
        await alerter.ObserveAsync(Up(T0), config, default);
        _status = Standby(null);

        await alerter.ObserveAsync(NoLeader(T0.AddSeconds(1)), config, default);
        await alerter.ObserveAsync(AgentDown(T0.AddSeconds(11)), config, default);
        await alerter.ObserveAsync(NoLeader(T0.AddSeconds(21)), config, default);

        Sent().ShouldHaveSingleItem().CheckId.ShouldBe("consul-leader");
    }

    [Theory]
    [InlineData("checks/blacklist/checks/consul-agent")]
    [InlineData("checks/consul-health/consul-agent/enabled")]
    public async Task Observe_CheckBlacklistedOrSwitchedOff_NotSent(string key)
    {
        var alerter = Create();
        var config = Config(("checks/consul-health/unreachable-after", "5s"), (key, key.EndsWith("enabled", StringComparison.Ordinal) ? "false" : ""));
        _status = Leader();
        await alerter.ObserveAsync(Up(T0), config, default);
        _status = Standby(null);

        await alerter.ObserveAsync(AgentDown(T0.AddSeconds(1)), config, default);
        await alerter.ObserveAsync(AgentDown(T0.AddSeconds(20)), config, default);
        await alerter.ObserveAsync(Up(T0.AddSeconds(30)), config, default);

        _log.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Observe_CheckSilenced_NotSent()
    {
        var alerter = Create();
        var config = Config(("checks/consul-health/unreachable-after", "5s"));
        _silences.Set(FakeSilenceSource.Silence("s1", T0, T0.AddHours(1), ("node", "_consul")));
        _status = Leader();
        await alerter.ObserveAsync(Up(T0), config, default);
        _status = Standby(null);

        await alerter.ObserveAsync(AgentDown(T0.AddSeconds(1)), config, default);
        await alerter.ObserveAsync(AgentDown(T0.AddSeconds(20)), config, default);

        _log.Calls.ShouldBeEmpty();
    }

    private ClusterOutageAlerter Create() => new(
        new DirectDelivery([_log], NullLogger<DirectDelivery>.Instance, TimeProvider.System),
        () => _status,
        _silences,
        _consul.Client,
        new KvLayout("consul-alerts"),
        () => "test-daemon",
        "dc1",
        NullLogger<ClusterOutageAlerter>.Instance);

    private List<Message> Sent() => [.. _log.Calls.SelectMany(c => c.Messages)];

    private async Task<JsonElement> RecordAsync(string checkId)
    {
        var pair = (await _consul.Client.Kv.GetAsync($"consul-alerts/consul-health/outages/{checkId}")).Value;
        pair.ShouldNotBeNull();
        return JsonDocument.Parse(pair.Value!).RootElement;
    }

    private static LeadershipStatus Leader() => new(LeadershipRole.Leader, T0, "sid-mine", null, T0);

    private static LeadershipStatus Standby(LockHolder? holder) => new(LeadershipRole.Standby, T0, null, holder, T0);

    private static ClusterObservation Up(DateTimeOffset at) => new(at, null, true, null, null, false);

    private static ClusterObservation AgentDown(DateTimeOffset at) => new(at, "Consul GET /v1/kv/x failed: Connection refused", null, null, null, false);

    private static ClusterObservation NoLeader(DateTimeOffset at) => new(at, null, false, "Consul GET /v1/kv/x failed: 500 No cluster leader", null, false);

    private static AlertsConfig Config(params (string Key, string Value)[] entries) =>
        AlertsConfigParser.Parse(entries.Select(e => new KvPair { Key = "consul-alerts/config/" + e.Key, Value = Encoding.UTF8.GetBytes(e.Value) }), "consul-alerts", 1);
}
