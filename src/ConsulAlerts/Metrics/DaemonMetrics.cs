using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Hosting;
using ConsulAlerts.Leadership;
using ConsulAlerts.Notifications;

namespace ConsulAlerts.Metrics;

/// <summary>
/// The daemon's metrics registry: reads the live state (check view, election, configuration, delivery counters) at
/// scrape time and writes it, with the Consul request counters, in Prometheus text format. Label values are fixed
/// names, statuses, notifier instance names, endpoint templates and the version: never a key, URL or token.
/// </summary>
internal sealed class DaemonMetrics(
    ConsulRequestMetrics consul,
    LeaderElection election,
    ICheckView checks,
    AlertsConfigStore config,
    NotificationStats? notifications,
    TimeProvider time)
{
    private const string Prefix = "consul_alerts_";
    private static readonly string[] Statuses = [CheckStatus.Passing, CheckStatus.Warning, CheckStatus.Critical, "unknown"];
    private static readonly string[] Watches = [ConsulRequestMetrics.HealthWatch, ConsulRequestMetrics.ConfigWatch, ConsulRequestMetrics.LeaderWatch];
    private long _termsSeen;

    /// <summary>The Consul request counters.</summary>
    public ConsulRequestMetrics Consul => consul;

    /// <summary>Notes a leader term (its number counts this process's terms), so a term that ends between scrapes is still counted.</summary>
    public void ObserveTerm(long number)
    {
        long seen = Interlocked.Read(ref _termsSeen);
        while (number > seen)
        {
            long previous = Interlocked.CompareExchange(ref _termsSeen, number, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    /// <summary>When Consul last answered this daemon (any client request, or the election); null when it never has.</summary>
    public DateTimeOffset? LastConsulContact()
    {
        var fromClient = consul.LastAnswer;
        var fromElection = election.Status.LastContact;
        return fromClient is null ? fromElection : fromElection is null ? fromClient : fromClient > fromElection ? fromClient : fromElection;
    }

    /// <summary>The exposition as of now.</summary>
    public string Render()
    {
        var now = time.GetUtcNow();
        var writer = new MetricsWriter();

        writer.Family(Prefix + "build_info", MetricType.Gauge, "Always 1; the version label names this build.");
        writer.Sample(1, ("version", ProductInfo.Version));

        WriteChecks(writer);
        WriteNotifications(writer);
        WriteConsul(writer, now);
        WriteLeadership(writer);

        var snapshot = config.Current;
        writer.Family(Prefix + "config_loaded", MetricType.Gauge, "1 once the configuration has been read from Consul KV, else 0.");
        writer.Sample(config.Loaded ? 1 : 0);
        writer.Family(Prefix + "config_errors", MetricType.Gauge, "Configuration keys in Consul KV whose value was rejected (the default is used instead).");
        writer.Sample(snapshot.Errors.Count);
        return writer.ToString();
    }

    private void WriteChecks(MetricsWriter writer)
    {
        var byStatus = Statuses.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        int pending = 0;
        foreach (var state in checks.All)
        {
            // Only Consul's three statuses are labels; a check with no confirmed status yet counts as unknown.
            string status = byStatus.ContainsKey(state.Current) ? state.Current : "unknown";
            byStatus[status]++;
            pending += state.Pending.Length > 0 ? 1 : 0;
        }

        writer.Family(Prefix + "checks", MetricType.Gauge, "Tracked checks by confirmed status (unknown: none confirmed yet).");
        foreach (var status in Statuses)
        {
            writer.Sample(byStatus[status], ("status", status));
        }

        writer.Family(Prefix + "checks_pending", MetricType.Gauge, "Checks whose new status waits for its change-threshold.");
        writer.Sample(pending);
    }

    private void WriteNotifications(MetricsWriter writer)
    {
        var stats = notifications?.Snapshot() ?? [];
        writer.Family(Prefix + "notifications_sent_total", MetricType.Counter, "Messages delivered, per notifier instance.");
        foreach (var s in stats)
        {
            writer.Sample(s.Sent, ("notifier", s.Notifier));
        }

        writer.Family(Prefix + "notifications_failed_total", MetricType.Counter, "Messages given up on (not retryable, out of attempts, or dropped), per notifier instance.");
        foreach (var s in stats)
        {
            writer.Sample(s.Failed, ("notifier", s.Notifier));
        }

        writer.Family(Prefix + "notifications_retried_total", MetricType.Counter, "Failed attempts that were retried, per message and notifier instance.");
        foreach (var s in stats)
        {
            writer.Sample(s.Retried, ("notifier", s.Notifier));
        }

        writer.Family(Prefix + "notifications_queued", MetricType.Gauge, "Deliveries waiting for their turn, per notifier instance.");
        foreach (var s in stats)
        {
            writer.Sample(s.Queued, ("notifier", s.Notifier));
        }
    }

    private void WriteConsul(MetricsWriter writer, DateTimeOffset now)
    {
        writer.Family(Prefix + "consul_requests_total", MetricType.Counter, "Requests sent to Consul, per endpoint template.");
        foreach (var (endpoint, count) in consul.Requests())
        {
            writer.Sample(count, ("endpoint", endpoint));
        }

        writer.Family(Prefix + "consul_request_errors_total", MetricType.Counter, "Consul requests that failed, per endpoint template and kind of error.");
        foreach (var (endpoint, kind, count) in consul.Errors())
        {
            writer.Sample(count, ("endpoint", endpoint), ("kind", kind));
        }

        writer.Family(Prefix + "consul_request_duration_seconds", MetricType.Histogram, "Time taken by non-blocking Consul requests, per endpoint template.");
        foreach (var (endpoint, histogram) in consul.Latency())
        {
            var (cumulative, sum, count) = histogram.Snapshot();
            writer.Histogram(histogram.Bounds, cumulative, sum, count, ("endpoint", endpoint));
        }

        writer.Family(Prefix + "consul_last_contact_seconds", MetricType.Gauge, "Seconds since Consul last answered this daemon (since start when it never has).");
        writer.Sample(Seconds(now - (LastConsulContact() ?? consul.Started)));

        writer.Family(
            Prefix + "watch_lag_seconds",
            MetricType.Gauge,
            "Seconds since the watch last got an answer from Consul (since start when it never has); blocking reads answer at least every wait time (5 min health and config, 1 min leader).");
        foreach (var watch in Watches)
        {
            writer.Sample(Seconds(now - (consul.WatchAnswered(watch) ?? consul.Started)), ("watch", watch));
        }
    }

    private void WriteLeadership(MetricsWriter writer)
    {
        var term = election.CurrentTerm;
        if (term is not null)
        {
            ObserveTerm(term.Number);
        }

        writer.Family(Prefix + "is_leader", MetricType.Gauge, "1 while this daemon holds the leader lock, else 0.");
        writer.Sample(election.Status.Role == LeadershipRole.Leader ? 1 : 0);
        writer.Family(Prefix + "leader_terms_total", MetricType.Counter, "Leader terms this daemon has begun.");
        writer.Sample(Interlocked.Read(ref _termsSeen));
    }

    private static double Seconds(TimeSpan span) => Math.Round(Math.Max(0, span.TotalSeconds), 3);
}
