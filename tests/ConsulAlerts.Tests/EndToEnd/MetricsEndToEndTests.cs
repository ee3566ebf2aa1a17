using System.Net;
using ConsulAlerts.Hosting;
using ConsulAlerts.Tests.Api;
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
    public async Task Metrics_AfterANotification_CountTheWork()
    {
        await _harness.SetCheckAsync("web-ttl", "fail", "connection refused");
        await _harness.WaitUntilAsync(() => _harness.LogLines().Length > 0, "the critical notification");
        using var client = Cli.TestNetwork.NewClient();
        var metricsUri = new Uri($"http://127.0.0.1:{_harness.AlertPort}/metrics");

        Exposition scraped = null!;
        await _harness.WaitUntilAsync(async () =>
        {
            scraped = await Exposition.ScrapeAsync(client, metricsUri);
            return scraped.Find("consul_alerts_notifications_sent_total", ("notifier", "log")) >= 1;
        }, "the log notifier's delivery in /metrics");

        scraped.Value("consul_alerts_notifications_sent_total", ("notifier", "log")).ShouldBe(1);
        scraped.Value("consul_alerts_notifications_failed_total", ("notifier", "log")).ShouldBe(0);
        scraped.Value("consul_alerts_checks", ("status", "critical")).ShouldBe(1);
        scraped.Value("consul_alerts_checks_pending").ShouldBe(0);
        scraped.Value("consul_alerts_is_leader").ShouldBe(1);
        scraped.Value("consul_alerts_leader_terms_total").ShouldBe(1);
        scraped.Value("consul_alerts_config_errors").ShouldBe(1);
        scraped.Value("consul_alerts_consul_requests_total", ("endpoint", "/v1/health/state/*")).ShouldBeGreaterThanOrEqualTo(2);
        scraped.Value("consul_alerts_consul_requests_total", ("endpoint", "/v1/txn")).ShouldBeGreaterThanOrEqualTo(1);
        scraped.Value("consul_alerts_consul_requests_total", ("endpoint", "/v1/session/create")).ShouldBe(1);
        scraped.Value("consul_alerts_consul_request_duration_seconds_count", ("endpoint", "/v1/txn")).ShouldBeGreaterThanOrEqualTo(1);
        scraped.Value("consul_alerts_watch_lag_seconds", ("watch", "health")).ShouldBeLessThan(30);
        scraped.Samples("consul_alerts_build_info").ShouldHaveSingleItem();
        scraped.Value("consul_alerts_build_info", ("version", ProductInfo.Version)).ShouldBe(1);

        // Every family the README documents, and nothing else: no runtime or process metrics of a default registry.
        foreach (var (family, type) in MetricsEndpointTests.DocumentedFamilies())
        {
            scraped.Type(family).ShouldBe(type, family);
        }

        scraped.Text.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Count()
            .ShouldBe(MetricsEndpointTests.DocumentedFamilies().Count);

        using var ready = await client.GetAsync(new Uri($"http://127.0.0.1:{_harness.AlertPort}/readyz"));
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
