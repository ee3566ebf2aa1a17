using System.Net;
using ConsulAlerts.Tests.Metrics;

namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>The daemon process's <c>/metrics</c> after real work: a check confirmed critical and notified through the log notifier.</summary>
public sealed class MetricsEndToEndTests : IAsyncLifetime
{
    private EngineHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await EngineHarness.StartAsync();
        await _harness.PutAsync("consul-alerts/config/checks/change-threshold", "1");
        await _harness.PutAsync("consul-alerts/config/checks/enabled", "not-a-bool");
        await _harness.RegisterTtlCheckAsync("web", "web-ttl");
        await _harness.StartDaemonAsync("web", "web-ttl");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Metrics_AfterANotification_ParseStrictlyAndCountTheWork()
    {
        await _harness.SetCheckAsync("web-ttl", "fail", "connection refused");
        await _harness.WaitUntilAsync(() => _harness.LogLines().Length > 0, "the critical notification");
        using var client = Cli.TestNetwork.NewClient();

        IReadOnlyDictionary<string, PrometheusFamily> families = new Dictionary<string, PrometheusFamily>();
        await _harness.WaitUntilAsync(async () =>
        {
            using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{_harness.AlertPort}/metrics"));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; version=0.0.4; charset=utf-8");
            families = PrometheusTextParser.Parse(await response.Content.ReadAsStringAsync());
            return families["consul_alerts_notifications_sent_total"].Samples.Any(s => s.Labels["notifier"] == "log" && s.Value >= 1);
        }, "the log notifier's delivery in /metrics");

        families["consul_alerts_notifications_sent_total"].Value(("notifier", "log")).ShouldBe(1);
        families["consul_alerts_notifications_failed_total"].Value(("notifier", "log")).ShouldBe(0);
        families["consul_alerts_checks"].Value(("status", "critical")).ShouldBe(1);
        families["consul_alerts_checks_pending"].Value().ShouldBe(0);
        families["consul_alerts_is_leader"].Value().ShouldBe(1);
        families["consul_alerts_leader_terms_total"].Value().ShouldBe(1);
        families["consul_alerts_config_errors"].Value().ShouldBe(1);
        families["consul_alerts_consul_requests_total"].Value(("endpoint", "/v1/health/state/*")).ShouldBeGreaterThanOrEqualTo(2);
        families["consul_alerts_consul_requests_total"].Value(("endpoint", "/v1/txn")).ShouldBeGreaterThanOrEqualTo(1);
        families["consul_alerts_consul_requests_total"].Value(("endpoint", "/v1/session/create")).ShouldBe(1);
        families["consul_alerts_consul_request_duration_seconds"].ValueOf("consul_alerts_consul_request_duration_seconds_count", ("endpoint", "/v1/txn"))
            .ShouldBeGreaterThanOrEqualTo(1);
        families["consul_alerts_watch_lag_seconds"].Value(("watch", "health")).ShouldBeLessThan(30);
        families["consul_alerts_build_info"].Samples.ShouldHaveSingleItem().Value.ShouldBe(1);

        using var ready = await client.GetAsync(new Uri($"http://127.0.0.1:{_harness.AlertPort}/readyz"));
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
