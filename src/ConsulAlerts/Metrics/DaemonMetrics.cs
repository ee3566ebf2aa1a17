using ConsulAlerts.Checks;
using ConsulAlerts.ClusterHealth;
using ConsulAlerts.Configuration;
using ConsulAlerts.Datacenters;
using ConsulAlerts.Hosting;
using ConsulAlerts.Leadership;
using ConsulAlerts.Muting;
using ConsulAlerts.Notifications;
using Prometheus;

namespace ConsulAlerts.Metrics;

/// <summary>
/// The daemon's metrics: a prometheus-net registry of its own (no process or runtime metrics, so the exposition is
/// exactly the families the README documents) holding the Consul request counters and gauges and counters that are
/// set from the live state (check view, election, configuration, delivery counters) just before each scrape. Label
/// values are fixed names, statuses, notifier instance names, endpoint templates and the version: never a key, URL
/// or token.
/// </summary>
internal sealed class DaemonMetrics
{
    /// <summary>The prefix of every family.</summary>
    public const string Prefix = "consul_alerts_";

    /// <summary>The <c>Content-Type</c> of the exposition: Prometheus text format 0.0.4.</summary>
    public const string ContentType = PrometheusConstants.TextContentTypeWithVersionAndEncoding;

    private const string Unknown = "unknown";
    private static readonly string[] Statuses = [CheckStatus.Passing, CheckStatus.Warning, CheckStatus.Critical, Unknown];
    private static readonly string[] Watches = [ConsulRequestMetrics.HealthWatch, ConsulRequestMetrics.ConfigWatch, ConsulRequestMetrics.LeaderWatch];

    private readonly CollectorRegistry _registry;
    private readonly ConsulRequestMetrics _consul;
    private readonly LeaderElection _election;
    private readonly ICheckView _checks;
    private readonly AlertsConfigStore _config;
    private readonly NotificationStats? _notifications;
    private readonly TimeProvider _time;
    private readonly MuteStats? _mutes;
    private readonly Func<ClusterHealthStatus?>? _consulHealth;

    private readonly Gauge _checksByStatus;
    private readonly Gauge _checksPending;
    private readonly Counter _sent;
    private readonly Counter _failed;
    private readonly Counter _retried;
    private readonly Gauge _queued;
    private readonly Gauge _grouping;
    private readonly Gauge _lastContact;
    private readonly Gauge _watchLag;
    private readonly Gauge _isLeader;
    private readonly Counter _leaderTerms;
    private readonly Gauge _configLoaded;
    private readonly Gauge _configErrors;
    private readonly Counter _muted;
    private readonly Gauge _consulAgentReachable;
    private readonly Gauge _consulHasLeader;
    private readonly Gauge _consulFailureTolerance;
    private readonly Gauge _datacenterReachable;
    private readonly Gauge _datacenterWatchLag;
    private readonly Func<IReadOnlyList<DatacenterStatus>>? _datacenters;
    private readonly HashSet<string> _datacenterLabels = new(StringComparer.Ordinal);

    /// <summary>Adds the daemon's families to <paramref name="registry"/>, the one <paramref name="consul"/> counts into.</summary>
    public DaemonMetrics(
        CollectorRegistry registry,
        ConsulRequestMetrics consul,
        LeaderElection election,
        ICheckView checks,
        AlertsConfigStore config,
        NotificationStats? notifications,
        TimeProvider time,
        MuteStats? mutes = null,
        Func<ClusterHealthStatus?>? consulHealth = null,
        Func<IReadOnlyList<DatacenterStatus>>? datacenters = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _consul = consul;
        _election = election;
        _checks = checks;
        _config = config;
        _notifications = notifications;
        _time = time;
        _mutes = mutes;
        _consulHealth = consulHealth;
        _datacenters = datacenters;

        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        factory.CreateGauge(Prefix + "build_info", "Always 1; the version label names this build.", "version")
            .WithLabels(ProductInfo.Version).Set(1);

        _checksByStatus = factory.CreateGauge(Prefix + "checks", "Tracked checks by confirmed status (unknown: none confirmed yet).", "status");
        _checksPending = factory.CreateGauge(Prefix + "checks_pending", "Checks whose new status waits for its change-threshold.");

        _sent = factory.CreateCounter(Prefix + "notifications_sent_total", "Messages delivered, per notifier instance.", "notifier");
        _failed = factory.CreateCounter(
            Prefix + "notifications_failed_total", "Messages given up on (not retryable, out of attempts, or dropped), per notifier instance.", "notifier");
        _retried = factory.CreateCounter(Prefix + "notifications_retried_total", "Failed attempts that were retried, per message and notifier instance.", "notifier");
        _queued = factory.CreateGauge(Prefix + "notifications_queued", "Deliveries waiting for their turn, per notifier instance.", "notifier");
        _grouping = factory.CreateGauge(
            Prefix + "notifications_grouping", "Deliveries gathered in an open group, waiting for its group-wait, per notifier instance.", "notifier");

        _lastContact = factory.CreateGauge(
            Prefix + "consul_last_contact_seconds", "Seconds since Consul last answered this daemon (since start when it never has).");
        _watchLag = factory.CreateGauge(
            Prefix + "watch_lag_seconds",
            "Seconds since the watch last got an answer from Consul (since start when it never has); blocking reads answer at least every wait time (5 min health and config, 1 min leader).",
            "watch");

        _isLeader = factory.CreateGauge(Prefix + "is_leader", "1 while this daemon holds the leader lock, else 0.");
        _muted = factory.CreateCounter(
            Prefix + "muted_changes_total", "Confirmed changes not sent because something muted them, by reason (maintenance, silence, inhibited, blacklist).", "reason");
        _leaderTerms = factory.CreateCounter(Prefix + "leader_terms_total", "Leader terms this daemon has begun.");

        _configLoaded = factory.CreateGauge(Prefix + "config_loaded", "1 once the configuration has been read from Consul KV, else 0.");
        _configErrors = factory.CreateGauge(
            Prefix + "config_errors", "Configuration keys in Consul KV whose value was rejected (the default is used instead).");

        _consulAgentReachable = factory.CreateGauge(
            Prefix + "consul_agent_reachable", "1 when this daemon's Consul agent answered the last cluster-health round, else 0 (NaN before the first).");
        _consulHasLeader = factory.CreateGauge(
            Prefix + "consul_has_leader", "1 when the Consul cluster had a leader at the last cluster-health round, 0 when it had none (NaN when it could not be told).");
        _consulFailureTolerance = factory.CreateGauge(
            Prefix + "consul_failure_tolerance", "Autopilot's failure tolerance at the last cluster-health round (NaN when not read).");

        _datacenterReachable = factory.CreateGauge(
            Prefix + "datacenter_reachable", "1 when the datacenter's last health read answered, 0 when it failed (NaN before the first), per watched datacenter.", "datacenter");
        _datacenterWatchLag = factory.CreateGauge(
            Prefix + "datacenter_watch_lag_seconds",
            "Seconds since the datacenter's health watch last got an answer (since start when it never has), per watched datacenter; blocking reads answer at least every 5 min.",
            "datacenter");

        registry.AddBeforeCollectCallback(Refresh);
    }

    /// <summary>The Consul request counters.</summary>
    public ConsulRequestMetrics Consul => _consul;

    /// <summary>Notes a leader term (its number counts this process's terms), so a term that ends between scrapes is still counted.</summary>
    public void ObserveTerm(long number) => _leaderTerms.IncTo(number);

    /// <summary>When Consul last answered this daemon (any client request, or the election); null when it never has.</summary>
    public DateTimeOffset? LastConsulContact()
    {
        var fromClient = _consul.LastAnswer;
        var fromElection = _election.Status.LastContact;
        return fromClient is null ? fromElection : fromElection is null ? fromClient : fromClient > fromElection ? fromClient : fromElection;
    }

    /// <summary>Writes the exposition as of now (text format 0.0.4, whatever a scraper asks for) to <paramref name="destination"/>.</summary>
    public Task ExportAsync(Stream destination, CancellationToken cancellationToken) =>
        _registry.CollectAndExportAsTextAsync(destination, ExpositionFormat.PrometheusText, cancellationToken);

    // Runs before every scrape: the gauges and the delivery counters mirror the live state at that moment.
    private void Refresh()
    {
        RefreshChecks();
        RefreshNotifications();
        foreach (var (_, name, muted) in _mutes?.Snapshot() ?? [])
        {
            _muted.WithLabels(name).IncTo(muted);
        }

        RefreshConsul(_time.GetUtcNow());
        RefreshConsulHealth();
        RefreshDatacenters(_time.GetUtcNow());

        var term = _election.CurrentTerm;
        if (term is not null)
        {
            ObserveTerm(term.Number);
        }

        _isLeader.Set(_election.Status.Role == LeadershipRole.Leader ? 1 : 0);
        _configLoaded.Set(_config.Loaded ? 1 : 0);
        _configErrors.Set(_config.Current.Errors.Count);
    }

    private void RefreshChecks()
    {
        var byStatus = Statuses.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        int pending = 0;
        foreach (var state in _checks.All)
        {
            // Only Consul's three statuses are labels; a check with no confirmed status yet counts as unknown.
            string status = byStatus.ContainsKey(state.Current) ? state.Current : Unknown;
            byStatus[status]++;
            pending += state.Pending.Length > 0 ? 1 : 0;
        }

        foreach (var status in Statuses)
        {
            _checksByStatus.WithLabels(status).Set(byStatus[status]);
        }

        _checksPending.Set(pending);
    }

    private void RefreshNotifications()
    {
        // NotificationStats only ever adds notifiers and raises their counts, so the counters follow it with IncTo.
        foreach (var s in _notifications?.Snapshot() ?? [])
        {
            _sent.WithLabels(s.Notifier).IncTo(s.Sent);
            _failed.WithLabels(s.Notifier).IncTo(s.Failed);
            _retried.WithLabels(s.Notifier).IncTo(s.Retried);
            _queued.WithLabels(s.Notifier).Set(s.Queued);
            _grouping.WithLabels(s.Notifier).Set(s.Grouping);
        }
    }

    private void RefreshConsul(DateTimeOffset now)
    {
        _lastContact.Set(Seconds(now - (LastConsulContact() ?? _consul.Started)));
        foreach (var watch in Watches)
        {
            _watchLag.WithLabels(watch).Set(Seconds(now - (_consul.WatchAnswered(watch) ?? _consul.Started)));
        }
    }

    private void RefreshConsulHealth()
    {
        var health = _consulHealth?.Invoke();
        Publish(_consulAgentReachable, health?.LastProbe is null ? null : health.AgentReachable ? 1 : 0);
        Publish(_consulHasLeader, health?.HasLeader is { } leader ? (leader ? 1 : 0) : null);
        Publish(_consulFailureTolerance, health?.FailureTolerance);
    }

    private void RefreshDatacenters(DateTimeOffset now)
    {
        var current = _datacenters?.Invoke() ?? [];
        foreach (var gone in _datacenterLabels.Where(name => current.All(d => d.Name != name)).ToList())
        {
            _datacenterReachable.RemoveLabelled(gone);
            _datacenterWatchLag.RemoveLabelled(gone);
            _datacenterLabels.Remove(gone);
        }

        foreach (var datacenter in current)
        {
            _datacenterLabels.Add(datacenter.Name);
            Publish(_datacenterReachable.WithLabels(datacenter.Name), datacenter.Reachable is { } reachable ? (reachable ? 1 : 0) : null);
            _datacenterWatchLag.WithLabels(datacenter.Name).Set(Seconds(now - (datacenter.LastContact ?? _consul.Started)));
        }
    }

    // A value that is not known is NaN rather than a made-up 0: the family is always there, and a rule such as
    // "== 0" does not fire on it.
    private static void Publish(Gauge gauge, double? value) => gauge.Set(value ?? double.NaN);

    private static void Publish(Gauge.Child gauge, double? value) => gauge.Set(value ?? double.NaN);

    private static double Seconds(TimeSpan span) => Math.Round(Math.Max(0, span.TotalSeconds), 3);
}
