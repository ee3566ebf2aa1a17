using System.Text.RegularExpressions;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Tests.Cli;
using ConsulAlerts.Tests.Metrics;

namespace ConsulAlerts.Tests.Api;

public sealed partial class MetricsEndpointTests
{
    // Dashboards and alert rules are written against these: names, types and help texts stay exactly as they are.
    public static TheoryData<string, string, string> Families => new()
    {
        { "consul_alerts_build_info", "gauge", "Always 1; the version label names this build." },
        { "consul_alerts_checks", "gauge", "Tracked checks by confirmed status (unknown: none confirmed yet)." },
        { "consul_alerts_checks_pending", "gauge", "Checks whose new status waits for its change-threshold." },
        { "consul_alerts_notifications_sent_total", "counter", "Messages delivered, per notifier instance." },
        { "consul_alerts_notifications_failed_total", "counter", "Messages given up on (not retryable, out of attempts, or dropped), per notifier instance." },
        { "consul_alerts_notifications_retried_total", "counter", "Failed attempts that were retried, per message and notifier instance." },
        { "consul_alerts_notifications_queued", "gauge", "Deliveries waiting for their turn, per notifier instance." },
        { "consul_alerts_notifications_grouping", "gauge", "Deliveries gathered in an open group, waiting for its group-wait, per notifier instance." },
        { "consul_alerts_consul_requests_total", "counter", "Requests sent to Consul, per endpoint template." },
        { "consul_alerts_consul_request_errors_total", "counter", "Consul requests that failed, per endpoint template and kind of error." },
        { "consul_alerts_consul_request_duration_seconds", "histogram", "Time taken by non-blocking Consul requests, per endpoint template." },
        { "consul_alerts_consul_last_contact_seconds", "gauge", "Seconds since Consul last answered this daemon (since start when it never has)." },
        { "consul_alerts_consul_agent_reachable", "gauge", "1 when this daemon's Consul agent answered the last cluster-health round, else 0 (NaN before the first)." },
        { "consul_alerts_consul_has_leader", "gauge", "1 when the Consul cluster had a leader at the last cluster-health round, 0 when it had none (NaN when it could not be told)." },
        { "consul_alerts_consul_failure_tolerance", "gauge", "Autopilot's failure tolerance at the last cluster-health round (NaN when not read)." },
        { "consul_alerts_datacenter_reachable", "gauge", "1 when the datacenter's last health read answered, 0 when it failed (NaN before the first), per watched datacenter." },
        {
            "consul_alerts_datacenter_watch_lag_seconds", "gauge",
            "Seconds since the datacenter's health watch last got an answer (since start when it never has), per watched datacenter; blocking reads answer at least every 5 min."
        },
        {
            "consul_alerts_watch_lag_seconds", "gauge",
            "Seconds since the watch last got an answer from Consul (since start when it never has); blocking reads answer at least every wait time (5 min health and config, 1 min leader)."
        },
        { "consul_alerts_is_leader", "gauge", "1 while this daemon holds the leader lock, else 0." },
        { "consul_alerts_leader_terms_total", "counter", "Leader terms this daemon has begun." },
        { "consul_alerts_muted_changes_total", "counter", "Confirmed changes not sent because something muted them, by reason (maintenance, silence, inhibited, blacklist)." },
        { "consul_alerts_config_loaded", "gauge", "1 once the configuration has been read from Consul KV, else 0." },
        { "consul_alerts_config_errors", "gauge", "Configuration keys in Consul KV whose value was rejected (the default is used instead)." },
    };

    /// <summary>The families of the README's metrics table, with their types.</summary>
    public static IReadOnlyList<(string Family, string Type)> DocumentedFamilies()
    {
        var readme = File.ReadAllText(RepositoryRoot.File("README.md"));
        int table = readme.IndexOf("| metric | type | meaning |", StringComparison.Ordinal);
        table.ShouldBeGreaterThan(0, "the README's metrics table");
        var rows = readme[table..].Split('\n').Skip(2).TakeWhile(l => l.StartsWith('|'));
        return [.. rows.SelectMany(row =>
        {
            var cells = row.Split('|');
            return MetricName().Matches(cells[1]).Select(m => ("consul_alerts_" + m.Groups[1].Value, cells[2].Trim()));
        })];
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Get_Metrics_FamilyWithItsTypeAndHelp(string family, string type, string help)
    {
        await using var host = await ApiTestHost.StartAsync();

        var scraped = await Exposition.ScrapeAsync(host.Client, new Uri("metrics", UriKind.Relative));

        scraped.Type(family).ShouldBe(type);
        scraped.Help(family).ShouldBe(help);
    }

    [Fact]
    public async Task Get_Metrics_ExactlyTheReadmeTable()
    {
        await using var host = await ApiTestHost.StartAsync();

        var scraped = await Exposition.ScrapeAsync(host.Client, new Uri("metrics", UriKind.Relative));

        var documented = DocumentedFamilies();
        documented.Select(f => f.Family).ShouldBe(Families.Select(row => (string)row[0]), ignoreOrder: true);
        foreach (var (family, type) in documented)
        {
            scraped.Type(family).ShouldBe(type, family);
        }

        scraped.Text.Split('\n').Count(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).ShouldBe(documented.Count);
    }

    [Fact]
    public async Task Get_ScraperAsksForOpenMetrics_StillTextFormatWithTotalNames()
    {
        await using var host = await ApiTestHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("metrics", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");

        using var response = await host.Client.SendAsync(request);

        response.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; version=0.0.4; charset=utf-8");
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("# TYPE consul_alerts_leader_terms_total counter\n");
        text.ShouldNotContain("# EOF");
    }

    [Fact]
    public async Task Get_Metrics_ScrapeTimeValuesFromTheLiveState()
    {
        await using var host = await ApiTestHost.StartAsync();
        host.Checks.Set("n1", "disk", "critical", "");
        host.ConsulRequests.Record(new ConsulRequest(HttpMethod.Get, "v1/kv/consul-alerts/config/"), TimeSpan.FromMilliseconds(4), null);

        var before = await Exposition.ScrapeAsync(host.Client, new Uri("metrics", UriKind.Relative));
        host.Checks.Set("n1", "disk", "passing", "");
        var after = await Exposition.ScrapeAsync(host.Client, new Uri("metrics", UriKind.Relative));

        before.Value("consul_alerts_checks", ("status", "critical")).ShouldBe(1);
        after.Value("consul_alerts_checks", ("status", "critical")).ShouldBe(0);
        after.Value("consul_alerts_checks", ("status", "passing")).ShouldBe(1);
        after.Value("consul_alerts_consul_requests_total", ("endpoint", "/v1/kv/*")).ShouldBe(1);
        after.Value("consul_alerts_consul_request_duration_seconds_bucket", ("endpoint", "/v1/kv/*"), ("le", "0.005")).ShouldBe(1);
    }

    // `name` or `name{labels}` in a backticked cell of the table.
    [GeneratedRegex(@"`([a-z_]+)(?:\{[a-z,]*\})?`")]
    private static partial Regex MetricName();
}
