using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Muting;
using ConsulAlerts.Tests.Checks;
using ConsulAlerts.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Tests.Muting;

/// <summary>Muting as the check tracker applies it, over virtual time: what is muted, what is recorded, what is sent once when the mute ends.</summary>
public sealed class MuteStageTests : IDisposable
{
    private const string Passing = CheckStatus.Passing;
    private const string Critical = CheckStatus.Critical;

    private readonly TrackedTimeProvider _time = new();
    private readonly AlertsConfigStore _config = new();
    private readonly RecordingStateStore _store = new();
    private readonly FakeSilenceSource _silences = new();
    private readonly RecordingDecisionSink _sink;
    private CheckTracker? _tracker;

    public MuteStageTests()
    {
        _sink = new RecordingDecisionSink(_store);
        Configure(new ChecksConfig { ChangeThreshold = TimeSpan.FromSeconds(10) });
    }

    private CheckTracker Tracker => _tracker ??= NewTracker();

    public void Dispose() => _tracker?.Dispose();

    [Fact]
    public void NodeMaintenance_CheckFailsDuringIt_MutedThenSentOnceWhenItEnds()
    {
        var web = Check("n1", "web", Passing, "web");
        Tracker.Apply([web, NodeMaintenance("n1")]);
        Tracker.Apply([web with { Status = Critical }, NodeMaintenance("n1")]);
        Settle();

        _sink.Transitions.ShouldBeEmpty();
        var muted = _sink.Muted.ShouldHaveSingleItem();
        muted.Reason.ShouldBe(new MuteReason(MuteKind.Maintenance, "_node_maintenance"));
        State("n1", "web").Notified.ShouldBe(Passing);
        _store.Stored["n1/web/web"].Notified.ShouldBe(Passing, "what the notifiers last heard is stored with the muted change");

        Tracker.Apply([web with { Status = Critical }]);
        Tracker.Apply([web with { Status = Critical }]);
        Settle();

        var sent = _sink.Transitions.ShouldHaveSingleItem();
        (sent.PreviousStatus, sent.Status).ShouldBe((Passing, Critical));
        State("n1", "web").Notified.ShouldBeNull();
        State("n1", "web").HasUnsent.ShouldBeFalse();
    }

    [Fact]
    public void NodeMaintenance_FailsAndRecoversInsideIt_SendsNothingWhenItEnds()
    {
        var web = Check("n1", "web", Passing, "web");
        Tracker.Apply([web, NodeMaintenance("n1")]);
        Tracker.Apply([web with { Status = Critical }, NodeMaintenance("n1")]);
        Settle();
        Tracker.Apply([web, NodeMaintenance("n1")]);
        Settle();
        _sink.Muted.Count.ShouldBe(2);
        State("n1", "web").HasUnsent.ShouldBeFalse();

        Tracker.Apply([web]);
        Settle();

        _sink.Transitions.ShouldBeEmpty();
        Tracker.UnsentCount.ShouldBe(0);
    }

    [Fact]
    public void ServiceMaintenance_MutesOnlyThatServicesChecks()
    {
        var api = Check("n1", "api-check", Passing, "api");
        var db = Check("n1", "db-check", Passing, "db");
        Tracker.Apply([api, db, ServiceMaintenance("n1", "api")]);

        Tracker.Apply([api with { Status = Critical }, db with { Status = Critical }, ServiceMaintenance("n1", "api")]);
        Settle();

        _sink.Transitions.Select(t => t.Check.CheckId).ShouldBe(["db-check"]);
        _sink.Muted.ShouldHaveSingleItem().Reason.ShouldBe(new MuteReason(MuteKind.Maintenance, "_service_maintenance:api"));
    }

    [Fact]
    public void NodeMaintenance_MaintenanceMutesOff_SentAsTheGoDaemonDid()
    {
        Configure(new ChecksConfig { ChangeThreshold = TimeSpan.FromSeconds(10), MaintenanceMutes = false });
        var web = Check("n1", "web", Passing, "web");
        Tracker.Apply([web, NodeMaintenance("n1")]);

        Tracker.Apply([web with { Status = Critical }, NodeMaintenance("n1")]);
        Settle();

        _sink.Transitions.ShouldHaveSingleItem().Status.ShouldBe(Critical);
        _sink.Muted.ShouldBeEmpty();
    }

    [Fact]
    public void SerfHealthCritical_FiftyChecksFailing_OneNodeDownAlertThenTheThreeStillFailingOnRecovery()
    {
        var checks = Enumerable.Range(0, 50).Select(i => Check("n1", $"c{i}", Passing, $"svc{i}")).ToList();
        var serf = Check("n1", "serfHealth", Passing);
        var other = Check("n2", "web", Passing, "web");
        Tracker.Apply([serf, other, .. checks]);

        Tracker.Apply([serf with { Status = Critical }, other, .. checks.Select(c => c with { Status = Critical })]);
        Settle();

        _sink.Transitions.ShouldHaveSingleItem().Check.CheckId.ShouldBe("serfHealth");
        _sink.Muted.Count.ShouldBe(50);
        _sink.Muted.ShouldAllBe(m => m.Reason == new MuteReason(MuteKind.Inhibited, InhibitRule.NodeDownName));

        var recovered = checks.Select((c, i) => i < 3 ? c with { Status = Critical } : c).ToList();
        Tracker.Apply([serf, other, .. recovered]);
        var releasedAt = _sink.Transitions.Count;
        Settle();

        var released = _sink.Transitions.Skip(1).Where(t => t.Check.CheckId != "serfHealth").ToList();
        released.Select(t => t.Check.CheckId).ShouldBe(["c0", "c1", "c2"], ignoreOrder: true);
        released.ShouldAllBe(t => t.PreviousStatus == Passing && t.Status == Critical);
        releasedAt.ShouldBe(4, "the three still failing go out as soon as the read shows serfHealth passing");
        _sink.Transitions.Count(t => t.Check.CheckId == "serfHealth").ShouldBe(2);
        Tracker.UnsentCount.ShouldBe(0);
    }

    [Fact]
    public void InhibitRule_EqualOnService_MutesOnlyTargetsSharingTheSourcesService()
    {
        var rule = ParseRule("""{"source":[{"name":"check","value":"^db-primary.*","isRegex":true},{"name":"status","value":"critical"}],"target":[{"name":"service","value":"db"}],"equal":["node"]}""");
        Configure(new ChecksConfig { ChangeThreshold = TimeSpan.FromSeconds(10) }, [InhibitRule.NodeDown, rule]);
        var primary = Check("n1", "db-primary-up", Passing, "db");
        var replica = Check("n1", "db-replica", Passing, "db");
        var elsewhere = Check("n2", "db-replica", Passing, "db");
        Tracker.Apply([primary, replica, elsewhere]);

        Tracker.Apply([primary with { Status = Critical }, replica with { Status = Critical }, elsewhere with { Status = Critical }]);
        Settle();

        _sink.Transitions.Select(t => t.Check.Key.ToString()).ShouldBe(["n1/db-primary-up", "n2/db-replica"], ignoreOrder: true);
        _sink.Muted.ShouldHaveSingleItem().Reason.ToString().ShouldBe("inhibited by db-down");
    }

    [Fact]
    public void Silence_EndsWhileCheckStillFailing_SentOnceAtItsEnd()
    {
        var start = _time.GetUtcNow();
        _silences.Set(FakeSilenceSource.Silence("s-1", start, start.AddMinutes(5), ("node", "n1")));
        var web = Check("n1", "web", Passing, "web");
        Tracker.Apply([web]);
        Tracker.Apply([web with { Status = Critical }]);
        Settle();
        _sink.Muted.ShouldHaveSingleItem().Reason.ShouldBe(new MuteReason(MuteKind.Silence, "s-1"));

        _time.Advance(start.AddMinutes(5) - _time.GetUtcNow() - TimeSpan.FromMilliseconds(1));
        _sink.Transitions.ShouldBeEmpty();
        _time.Advance(TimeSpan.FromMilliseconds(1));

        _sink.Transitions.ShouldHaveSingleItem().Status.ShouldBe(Critical);
        _time.Advance(TimeSpan.FromHours(1));
        _sink.Transitions.Count.ShouldBe(1);
    }

    [Fact]
    public void Silence_ExpiredEarly_SentOnceWhenTheSourceChanges()
    {
        var start = _time.GetUtcNow();
        _silences.Set(FakeSilenceSource.Silence("s-1", start, start.AddHours(2), ("check", "web")));
        var web = Check("n1", "web", Passing, "web");
        Tracker.Apply([web]);
        Tracker.Apply([web with { Status = Critical }]);
        Settle();

        _silences.Set(FakeSilenceSource.Silence("s-1", start, _time.GetUtcNow(), ("check", "web")));

        _sink.Transitions.ShouldHaveSingleItem().Status.ShouldBe(Critical);
        _silences.Set();
        _sink.Transitions.Count.ShouldBe(1);
    }

    [Fact]
    public void Silence_NarrowedInPlace_WhatItNoLongerMutesSentOnceTheRestStaysMuted()
    {
        var start = _time.GetUtcNow();
        _silences.Set(FakeSilenceSource.Silence("s-1", start, start.AddHours(2), ("service", "web")));
        var one = Check("n1", "web-n1", Passing, "web");
        var two = Check("n2", "web-n2", Passing, "web");
        Tracker.Apply([one, two]);
        Tracker.Apply([one with { Status = Critical }, two with { Status = Critical }]);
        Settle();
        _sink.Muted.Count.ShouldBe(2);

        // The same silence (same id) updated to mute n2 only.
        _silences.Set(FakeSilenceSource.Silence("s-1", start, start.AddHours(2), ("service", "web"), ("node", "n2")));

        _sink.Transitions.ShouldHaveSingleItem().Check.Node.ShouldBe("n1");
        _silences.Set(FakeSilenceSource.Silence("s-1", start, start.AddHours(3), ("service", "web"), ("node", "n2")));
        _sink.Transitions.Count.ShouldBe(1, "extending what still mutes n2 sends nothing");
    }

    [Fact]
    public void Blacklist_RemovedWhileCheckFails_SendsWhatIsStillTrue()
    {
        var blacklisted = new BlacklistConfig { Nodes = new NameMatcher { Exact = new HashSet<string>(StringComparer.Ordinal) { "n1" } } };
        Configure(new ChecksConfig { ChangeThreshold = TimeSpan.FromSeconds(10) }, blacklist: blacklisted);
        var web = Check("n1", "web", Passing, "web");
        Tracker.Apply([web]);
        Tracker.Apply([web with { Status = Critical }]);
        Settle();
        _sink.Muted.ShouldHaveSingleItem().Reason.ShouldBe(MuteReason.Blacklisted);

        Configure(new ChecksConfig { ChangeThreshold = TimeSpan.FromSeconds(10) });

        _sink.Transitions.ShouldHaveSingleItem().Status.ShouldBe(Critical);
    }

    [Fact]
    public void Load_UnsentMutedChange_NewLeaderSendsItOnceWhenNoLongerMutedAndKeepsTheStillMuted()
    {
        var released = Check("n1", "web", Critical, "web");
        var stillMuted = Check("n2", "web", Critical, "web");
        _store.Stored["n1/web/web"] = new CheckState { Current = Critical, CurrentTimestamp = _time.GetUtcNow(), HealthCheck = released, Notified = Passing };
        _store.Stored["n2/web/web"] = new CheckState { Current = Critical, CurrentTimestamp = _time.GetUtcNow(), HealthCheck = stillMuted, Notified = Passing };
        Tracker.UnsentCount.ShouldBe(2);

        Tracker.Apply([released, stillMuted, NodeMaintenance("n2")]);

        var sent = _sink.Transitions.ShouldHaveSingleItem();
        (sent.Check.Node, sent.PreviousStatus, sent.Status).ShouldBe(("n1", Passing, Critical));
        _store.Stored["n1/web/web"].Notified.ShouldBeNull();
        _store.Stored["n2/web/web"].Notified.ShouldBe(Passing);

        Tracker.Apply([released, stillMuted, NodeMaintenance("n2")]);
        _sink.Transitions.Count.ShouldBe(1);
    }

    [Fact]
    public void Evaluator_CheckOnNodeInMaintenance_SaysWhy()
    {
        Tracker.Apply([Check("n1", "web", Passing, "web"), NodeMaintenance("n1"), Check("n2", "web", Passing, "web")]);

        var evaluator = Tracker.Evaluator();

        evaluator.ReasonFor(Check("n1", "web", Critical, "web"), Critical)!.ToString().ShouldBe("maintenance (_node_maintenance)");
        evaluator.ReasonFor(Check("n2", "web", Critical, "web"), Critical).ShouldBeNull();
    }

    private static CheckInfo Check(string node, string checkId, string status, string serviceId = "") =>
        CheckTrackerTests.Check(node, checkId, status, serviceId: serviceId);

    private static CheckInfo NodeMaintenance(string node) => CheckTrackerTests.Check(node, "_node_maintenance", Critical);

    private static CheckInfo ServiceMaintenance(string node, string serviceId) =>
        CheckTrackerTests.Check(node, "_service_maintenance:" + serviceId, Critical, serviceId: serviceId);

    private static InhibitRule ParseRule(string json)
    {
        var config = AlertsConfigParser.Parse([new ConsulAlerts.Consul.Kv.KvPair { Key = "consul-alerts/config/inhibit/db-down", Value = System.Text.Encoding.UTF8.GetBytes(json) }], "consul-alerts", 1);
        config.Errors.ShouldBeEmpty();
        return config.InhibitRules.Single(r => r.Name == "db-down");
    }

    private CheckTracker NewTracker()
    {
        var tracker = new CheckTracker(_config, _sink, NullLogger<CheckTracker>.Instance, _time, new MuteContext(_silences, "dc1"));
        tracker.Load(_store.Stored.Select(p => new StoredCheckState(p.Key, p.Value)).ToList());
        return tracker;
    }

    private void Configure(ChecksConfig checks, IReadOnlyList<InhibitRule>? rules = null, BlacklistConfig? blacklist = null) =>
        _config.Publish(new AlertsConfig
        {
            Revision = _config.Current.Revision + 1,
            Checks = checks,
            InhibitRules = rules ?? [InhibitRule.NodeDown],
            Blacklist = blacklist ?? new BlacklistConfig(),
        });

    /// <summary>Past every change-threshold: pending statuses are decided.</summary>
    private void Settle() => _time.Advance(TimeSpan.FromSeconds(10));

    private CheckState State(string node, string checkId)
    {
        Tracker.TryGet(new CheckKey(node, checkId), out var state).ShouldBeTrue();
        return state;
    }
}
