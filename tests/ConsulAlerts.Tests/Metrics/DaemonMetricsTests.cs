using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Http;
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

    public DaemonMetricsTests()
    {
        _election = new LeaderElection(_consul, "consul-alerts", new LockHolder(), new LeaderElectionOptions(), NullLogger<LeaderElection>.Instance, _time);
        _requests = new ConsulRequestMetrics("consul-alerts", _time);
        _metrics = new DaemonMetrics(_requests, _election, _checks, _config, _stats, _time);
    }

    public void Dispose()
    {
        _election.Dispose();
        _consul.Dispose();
    }

    [Fact]
    public void Render_Checks_CountedByConfirmedStatusAndPending()
    {
        _checks.Set("n1", "a", CheckStatus.Passing, "");
        _checks.Set("n1", "b", CheckStatus.Critical, "");
        _checks.Set("n2", "c", CheckStatus.Critical, "");
        _checks.Put(new CheckState { Current = "", Pending = CheckStatus.Warning, HealthCheck = new CheckInfo { Node = "n3", CheckId = "d" } });

        var families = PrometheusTextParser.Parse(_metrics.Render());

        var checks = families["consul_alerts_checks"];
        checks.Type.ShouldBe("gauge");
        checks.Value(("status", "passing")).ShouldBe(1);
        checks.Value(("status", "warning")).ShouldBe(0);
        checks.Value(("status", "critical")).ShouldBe(2);
        checks.Value(("status", "unknown")).ShouldBe(1);
        families["consul_alerts_checks_pending"].Value().ShouldBe(1);
    }

    [Fact]
    public void Render_NotifierStats_CountersAndQueuePerNotifier()
    {
        _stats.RecordDelivered("log", 3, Start);
        _stats.RecordFailedAttempt("slack", 2, "HTTP 500", Start, willRetry: true);
        _stats.RecordFailedAttempt("slack", 2, "HTTP 500", Start, willRetry: false);
        _stats.SetQueued("slack", 4);

        var families = PrometheusTextParser.Parse(_metrics.Render());

        families["consul_alerts_notifications_sent_total"].Value(("notifier", "log")).ShouldBe(3);
        families["consul_alerts_notifications_sent_total"].Value(("notifier", "slack")).ShouldBe(0);
        families["consul_alerts_notifications_retried_total"].Value(("notifier", "slack")).ShouldBe(2);
        families["consul_alerts_notifications_failed_total"].Value(("notifier", "slack")).ShouldBe(2);
        families["consul_alerts_notifications_queued"].Value(("notifier", "slack")).ShouldBe(4);
    }

    [Fact]
    public void Render_ConfigAndLeadershipAndBuild_Reported()
    {
        _config.Publish(AlertsConfig.Default with
        {
            Revision = 9,
            Errors = [new ConfigError("consul-alerts/config/checks/change-threshold", "not a number"), new ConfigError("k2", "bad")],
        });
        _metrics.ObserveTerm(2);
        _metrics.ObserveTerm(1);

        var families = PrometheusTextParser.Parse(_metrics.Render());

        families["consul_alerts_config_loaded"].Value().ShouldBe(1);
        families["consul_alerts_config_errors"].Value().ShouldBe(2);
        families["consul_alerts_is_leader"].Value().ShouldBe(0);
        families["consul_alerts_leader_terms_total"].Value().ShouldBe(2);
        families["consul_alerts_build_info"].Value(("version", ProductInfo.Version)).ShouldBe(1);
    }

    [Fact]
    public void Render_WatchLag_SecondsSinceEachWatchAnswered()
    {
        _time.Advance(TimeSpan.FromSeconds(5));
        _requests.Record(new ConsulRequest(HttpMethod.Get, "v1/health/state/any"), TimeSpan.Zero, null);
        _time.Advance(TimeSpan.FromSeconds(12.5));

        var families = PrometheusTextParser.Parse(_metrics.Render());

        var lag = families["consul_alerts_watch_lag_seconds"];
        lag.Value(("watch", "health")).ShouldBe(12.5);
        lag.Value(("watch", "config")).ShouldBe(17.5);
        lag.Value(("watch", "leader")).ShouldBe(17.5);
        families["consul_alerts_consul_last_contact_seconds"].Value().ShouldBe(12.5);
    }

    [Fact]
    public void Render_RequestsToSecretLookingKeys_NoKeyInAnyLabel()
    {
        const string secret = "xoxb-123456-secret-webhook";
        _requests.Record(new ConsulRequest(HttpMethod.Get, "v1/kv/consul-alerts/config/notifiers/slack/" + secret), TimeSpan.FromMilliseconds(2), null);
        _requests.Record(new ConsulRequest(HttpMethod.Put, "v1/session/renew/" + secret), TimeSpan.FromMilliseconds(2),
            new ConsulException(ConsulErrorKind.SessionNotFound, "PUT", "/v1/session/renew/" + secret, System.Net.HttpStatusCode.NotFound, secret, false));

        var text = _metrics.Render();

        text.ShouldNotContain(secret);
        var families = PrometheusTextParser.Parse(text);
        families["consul_alerts_consul_requests_total"].Value(("endpoint", "/v1/kv/*")).ShouldBe(1);
        families["consul_alerts_consul_request_errors_total"].Value(("endpoint", "/v1/session/renew/*"), ("kind", "session_not_found")).ShouldBe(1);
        families["consul_alerts_consul_request_duration_seconds"].ValueOf("consul_alerts_consul_request_duration_seconds_count", ("endpoint", "/v1/kv/*")).ShouldBe(1);
    }
}
