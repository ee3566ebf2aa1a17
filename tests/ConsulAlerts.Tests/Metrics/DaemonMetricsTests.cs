using ConsulAlerts.Checks;
using ConsulAlerts.ClusterHealth;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Datacenters;
using ConsulAlerts.Hosting;
using ConsulAlerts.Leadership;
using ConsulAlerts.Metrics;
using ConsulAlerts.Notifications;
using ConsulAlerts.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Tests.Metrics;

public sealed class DaemonMetricsTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly ConsulClient _consul = ConsulClient.Create(new ConsulClientOptions { Address = "http://127.0.0.1:1" });
    private readonly LeaderElection _election;
    private readonly FakeCheckView _checks = new();
    private readonly AlertsConfigStore _config = new();
    private readonly NotificationStats _stats = new();
    private readonly ConsulRequestMetrics _requests;
    private readonly DaemonMetrics _metrics;
    private ClusterHealthStatus? _consulHealth;
    private IReadOnlyList<DatacenterStatus> _datacenters = [];

    public DaemonMetricsTests()
    {
        _election = new LeaderElection(_consul, "consul-alerts", new LockHolder(), new LeaderElectionOptions(), NullLogger<LeaderElection>.Instance, _time);
        var registry = Prometheus.Metrics.NewCustomRegistry();
        _requests = new ConsulRequestMetrics("consul-alerts", _time, registry);
        _metrics = new DaemonMetrics(registry, _requests, _election, _checks, _config, _stats, _time, consulHealth: () => _consulHealth, datacenters: () => _datacenters);
    }

    public void Dispose()
    {
        _election.Dispose();
        _consul.Dispose();
    }

    [Fact]
    public async Task ExportAsync_Checks_CountedByConfirmedStatusAndPending()
    {
        _checks.Set("n1", "a", CheckStatus.Passing, "");
        _checks.Set("n1", "b", CheckStatus.Critical, "");
        _checks.Set("n2", "c", CheckStatus.Critical, "");
        _checks.Put(new CheckState { Current = "", Pending = CheckStatus.Warning, HealthCheck = new CheckInfo { Node = "n3", CheckId = "d" } });

        var scraped = await Exposition.CollectAsync(_metrics);

        scraped.Type("consul_alerts_checks").ShouldBe("gauge");
        scraped.Value("consul_alerts_checks", ("status", "passing")).ShouldBe(1);
        scraped.Value("consul_alerts_checks", ("status", "warning")).ShouldBe(0);
        scraped.Value("consul_alerts_checks", ("status", "critical")).ShouldBe(2);
        scraped.Value("consul_alerts_checks", ("status", "unknown")).ShouldBe(1);
        scraped.Value("consul_alerts_checks_pending").ShouldBe(1);
    }

    [Fact]
    public async Task ExportAsync_ConsulHealth_NaNUntilKnownAndFollowingEachRound()
    {
        double.IsNaN((await Exposition.CollectAsync(_metrics)).Value("consul_alerts_consul_agent_reachable")).ShouldBeTrue();

        _consulHealth = new ClusterHealthStatus(true, Start, true, true, 3, 1, false, true, []);
        var healthy = await Exposition.CollectAsync(_metrics);
        _consulHealth = new ClusterHealthStatus(true, Start.AddSeconds(10), false, null, null, null, false, true, []);
        var unreachable = await Exposition.CollectAsync(_metrics);

        healthy.Type("consul_alerts_consul_has_leader").ShouldBe("gauge");
        healthy.Value("consul_alerts_consul_agent_reachable").ShouldBe(1);
        healthy.Value("consul_alerts_consul_has_leader").ShouldBe(1);
        healthy.Value("consul_alerts_consul_failure_tolerance").ShouldBe(1);
        unreachable.Value("consul_alerts_consul_agent_reachable").ShouldBe(0);
        double.IsNaN(unreachable.Value("consul_alerts_consul_has_leader")).ShouldBeTrue();
        double.IsNaN(unreachable.Value("consul_alerts_consul_failure_tolerance")).ShouldBeTrue();
    }

    [Fact]
    public async Task ExportAsync_Datacenters_ReachabilityAndWatchLagPerDatacenterGoneOnesRemoved()
    {
        _datacenters =
        [
            new DatacenterStatus("dc1", true, true, Start, 3, null, null),
            new DatacenterStatus("dc2", false, false, Start.AddSeconds(-20), 1, Start, "500 No path to datacenter"),
            new DatacenterStatus("dc3", false, null, null, 0, null, null),
        ];
        _time.Advance(TimeSpan.FromSeconds(30));

        var scraped = await Exposition.CollectAsync(_metrics);
        _datacenters = [_datacenters[0]];
        var after = await Exposition.CollectAsync(_metrics);

        scraped.Type("consul_alerts_datacenter_watch_lag_seconds").ShouldBe("gauge");
        scraped.Value("consul_alerts_datacenter_reachable", ("datacenter", "dc1")).ShouldBe(1);
        scraped.Value("consul_alerts_datacenter_reachable", ("datacenter", "dc2")).ShouldBe(0);
        double.IsNaN(scraped.Value("consul_alerts_datacenter_reachable", ("datacenter", "dc3"))).ShouldBeTrue();
        scraped.Value("consul_alerts_datacenter_watch_lag_seconds", ("datacenter", "dc1")).ShouldBe(30);
        scraped.Value("consul_alerts_datacenter_watch_lag_seconds", ("datacenter", "dc2")).ShouldBe(50);
        scraped.Value("consul_alerts_datacenter_watch_lag_seconds", ("datacenter", "dc3")).ShouldBe(30, "since start when never answered");
        after.Value("consul_alerts_datacenter_reachable", ("datacenter", "dc1")).ShouldBe(1);
        after.Find("consul_alerts_datacenter_reachable", ("datacenter", "dc2")).ShouldBeNull();
    }

    [Fact]
    public async Task ExportAsync_StateChangesBetweenScrapes_GaugesFollowTheLiveState()
    {
        _checks.Set("n1", "a", CheckStatus.Critical, "");
        (await Exposition.CollectAsync(_metrics)).Value("consul_alerts_checks", ("status", "critical")).ShouldBe(1);

        _checks.Set("n1", "a", CheckStatus.Passing, "");
        var scraped = await Exposition.CollectAsync(_metrics);

        scraped.Value("consul_alerts_checks", ("status", "critical")).ShouldBe(0);
        scraped.Value("consul_alerts_checks", ("status", "passing")).ShouldBe(1);
    }

    [Fact]
    public async Task ExportAsync_NotifierStats_CountersAndQueuePerNotifier()
    {
        _stats.RecordDelivered("log", 3, Start);
        _stats.RecordFailedAttempt("slack", 2, "HTTP 500", Start, willRetry: true);
        _stats.RecordFailedAttempt("slack", 2, "HTTP 500", Start, willRetry: false);
        _stats.SetQueued("slack", 4);
        _stats.SetGrouping("slack", 3);

        var first = await Exposition.CollectAsync(_metrics);
        _stats.RecordDelivered("log", 2, Start);
        _stats.SetQueued("slack", 1);
        _stats.SetGrouping("slack", 0);
        var second = await Exposition.CollectAsync(_metrics);

        first.Value("consul_alerts_notifications_sent_total", ("notifier", "log")).ShouldBe(3);
        first.Value("consul_alerts_notifications_sent_total", ("notifier", "slack")).ShouldBe(0);
        first.Value("consul_alerts_notifications_retried_total", ("notifier", "slack")).ShouldBe(2);
        first.Value("consul_alerts_notifications_failed_total", ("notifier", "slack")).ShouldBe(2);
        first.Value("consul_alerts_notifications_queued", ("notifier", "slack")).ShouldBe(4);
        second.Value("consul_alerts_notifications_sent_total", ("notifier", "log")).ShouldBe(5);
        second.Value("consul_alerts_notifications_queued", ("notifier", "slack")).ShouldBe(1);
        first.Value("consul_alerts_notifications_grouping", ("notifier", "slack")).ShouldBe(3);
        second.Value("consul_alerts_notifications_grouping", ("notifier", "slack")).ShouldBe(0);
    }

    [Fact]
    public async Task ExportAsync_ConfigAndLeadershipAndBuild_Reported()
    {
        _config.Publish(AlertsConfig.Default with
        {
            Revision = 9,
            Errors = [new ConfigError("consul-alerts/config/checks/change-threshold", "not a number"), new ConfigError("k2", "bad")],
        });
        _metrics.ObserveTerm(2);
        _metrics.ObserveTerm(1);

        var scraped = await Exposition.CollectAsync(_metrics);

        scraped.Value("consul_alerts_config_loaded").ShouldBe(1);
        scraped.Value("consul_alerts_config_errors").ShouldBe(2);
        scraped.Value("consul_alerts_is_leader").ShouldBe(0);
        scraped.Value("consul_alerts_leader_terms_total").ShouldBe(2);
        scraped.Value("consul_alerts_build_info", ("version", ProductInfo.Version)).ShouldBe(1);
    }

    [Fact]
    public async Task ExportAsync_WatchLag_SecondsSinceEachWatchAnswered()
    {
        _time.Advance(TimeSpan.FromSeconds(5));
        _requests.Record(new ConsulRequest(HttpMethod.Get, "v1/health/state/any"), TimeSpan.Zero, null);
        _time.Advance(TimeSpan.FromSeconds(12.5));

        var scraped = await Exposition.CollectAsync(_metrics);

        scraped.Value("consul_alerts_watch_lag_seconds", ("watch", "health")).ShouldBe(12.5);
        scraped.Value("consul_alerts_watch_lag_seconds", ("watch", "config")).ShouldBe(17.5);
        scraped.Value("consul_alerts_watch_lag_seconds", ("watch", "leader")).ShouldBe(17.5);
        scraped.Value("consul_alerts_consul_last_contact_seconds").ShouldBe(12.5);
    }

    [Fact]
    public async Task ExportAsync_RequestsToSecretLookingKeys_NoKeyInAnyLabel()
    {
        const string secret = "xoxb-123456-secret-webhook";
        _requests.Record(new ConsulRequest(HttpMethod.Get, "v1/kv/consul-alerts/config/notifiers/slack/" + secret), TimeSpan.FromMilliseconds(2), null);
        _requests.Record(new ConsulRequest(HttpMethod.Put, "v1/session/renew/" + secret), TimeSpan.FromMilliseconds(2),
            new ConsulException(ConsulErrorKind.SessionNotFound, "PUT", "/v1/session/renew/" + secret, System.Net.HttpStatusCode.NotFound, secret, false));

        var scraped = await Exposition.CollectAsync(_metrics);

        scraped.Text.ShouldNotContain(secret);
        scraped.Value("consul_alerts_consul_requests_total", ("endpoint", "/v1/kv/*")).ShouldBe(1);
        scraped.Value("consul_alerts_consul_request_errors_total", ("endpoint", "/v1/session/renew/*"), ("kind", "session_not_found")).ShouldBe(1);
        scraped.Value("consul_alerts_consul_request_duration_seconds_count", ("endpoint", "/v1/kv/*")).ShouldBe(1);
    }

    [Fact]
    public async Task ExportAsync_FreshDaemon_OnlyItsOwnFamilies()
    {
        var scraped = await Exposition.CollectAsync(_metrics);

        // Its own registry: no process_* or dotnet_* metrics of prometheus-net's default registry.
        scraped.Text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("# ", StringComparison.Ordinal))
            .ShouldAllBe(l => l.StartsWith("consul_alerts_", StringComparison.Ordinal));
    }
}
