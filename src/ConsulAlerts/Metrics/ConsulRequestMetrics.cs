using System.Collections.Concurrent;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using Prometheus;

namespace ConsulAlerts.Metrics;

/// <summary>
/// Counts what the daemon asks of Consul, fed by <see cref="ConsulTransport.Completed"/>: requests and errors per
/// endpoint template, the latency of non-blocking requests (counters and a histogram in the daemon's registry), when
/// Consul last answered, and when each watch (health, config, leader lock) last got an answer. Labels are templates
/// and fixed names only, never keys or IDs.
/// </summary>
internal sealed class ConsulRequestMetrics
{
    /// <summary>Upper bounds of the latency histogram, in seconds.</summary>
    public static readonly IReadOnlyList<double> LatencyBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    public const string HealthWatch = "health";
    public const string ConfigWatch = "config";
    public const string LeaderWatch = "leader";

    private readonly TimeProvider _time;
    private readonly string _configPath;
    private readonly string _leaderPath;
    private readonly Counter _requests;
    private readonly Counter _errors;
    private readonly Histogram _latency;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _watchAnswered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _watchFailing = new(StringComparer.Ordinal);
    private long _lastAnswerTicks = long.MinValue;

    /// <param name="kvPrefix">The daemon's KV prefix, to recognise the config and leader watches.</param>
    /// <param name="timeProvider">Clock of the answer times.</param>
    /// <param name="registry">The daemon's registry, which gets the request families.</param>
    public ConsulRequestMetrics(string kvPrefix, TimeProvider timeProvider, CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(kvPrefix);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(registry);
        _time = timeProvider;
        var prefix = kvPrefix.Trim('/');
        _configPath = "v1/kv/" + ConsulPaths.EscapeKey(AlertsConfigParser.ConfigRoot(prefix));
        _leaderPath = "v1/kv/" + ConsulPaths.EscapeKey(prefix.Length == 0 ? "leader" : prefix + "/leader");
        Started = timeProvider.GetUtcNow();

        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _requests = factory.CreateCounter(
            DaemonMetrics.Prefix + "consul_requests_total",
            "Requests sent to Consul, per endpoint template.",
            new CounterConfiguration { LabelNames = ["endpoint"] });
        _errors = factory.CreateCounter(
            DaemonMetrics.Prefix + "consul_request_errors_total",
            "Consul requests that failed, per endpoint template and kind of error.",
            new CounterConfiguration { LabelNames = ["endpoint", "kind"] });
        _latency = factory.CreateHistogram(
            DaemonMetrics.Prefix + "consul_request_duration_seconds",
            "Time taken by non-blocking Consul requests, per endpoint template.",
            new HistogramConfiguration { LabelNames = ["endpoint"], Buckets = [.. LatencyBounds] });
    }

    /// <summary>When counting began; stands in for "last answer" before the first one.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>When Consul last answered any request with success; null before the first answer.</summary>
    public DateTimeOffset? LastAnswer
    {
        get
        {
            long ticks = Interlocked.Read(ref _lastAnswerTicks);
            return ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>Subscribes to <paramref name="transport"/>.</summary>
    public void Attach(ConsulTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        transport.Completed += Record;
    }

    /// <summary>Records one finished request; <paramref name="error"/> null means Consul answered with success.</summary>
    public void Record(ConsulRequest request, TimeSpan elapsed, ConsulException? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        string endpoint = ConsulEndpointTemplate.For(request.Path);
        _requests.WithLabels(endpoint).Inc();
        if (error is not null)
        {
            _errors.WithLabels(endpoint, KindLabel(error)).Inc();
        }

        // A blocking read lasts until something changes: its duration is the wait, not Consul's latency.
        if (request.Query is not { WaitIndex: > 0 })
        {
            _latency.WithLabels(endpoint).Observe(elapsed.TotalSeconds);
        }

        var watch = request.Method == HttpMethod.Get ? WatchOf(request.Path) : null;
        if (watch is not null)
        {
            _watchFailing[watch] = error is not null;
        }

        if (error is not null)
        {
            return;
        }

        var now = _time.GetUtcNow();
        Interlocked.Exchange(ref _lastAnswerTicks, now.UtcTicks);
        if (watch is not null)
        {
            _watchAnswered[watch] = now;
        }
    }

    /// <summary>
    /// Why watches are not current, one reason per watch: the health and config watches until they have answered, and
    /// any watch whose last read failed (it is backing off; what it last saw may be stale).
    /// </summary>
    public IReadOnlyList<string> StaleWatches()
    {
        var reasons = new List<string>();
        foreach (var watch in (string[])[HealthWatch, ConfigWatch, LeaderWatch])
        {
            if (_watchFailing.TryGetValue(watch, out var failing) && failing)
            {
                reasons.Add($"the {watch} watch's last read failed");
            }
            else if (watch != LeaderWatch && WatchAnswered(watch) is null)
            {
                reasons.Add($"the {watch} watch has not answered yet");
            }
        }

        return reasons;
    }

    /// <summary>When the watch last got an answer; null before its first.</summary>
    public DateTimeOffset? WatchAnswered(string watch) => _watchAnswered.TryGetValue(watch, out var at) ? at : null;

    /// <summary>The label of an error's kind: <c>timeout</c> for a request that hit its own time limit, else the kind in snake case.</summary>
    public static string KindLabel(ConsulException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error is ConsulTransportException { IsTimeout: true })
        {
            return "timeout";
        }

        return error.Kind switch
        {
            ConsulErrorKind.Http => "http",
            ConsulErrorKind.NoLeader => "no_leader",
            ConsulErrorKind.AclDenied => "acl_denied",
            ConsulErrorKind.AclNotFound => "acl_not_found",
            ConsulErrorKind.NotFound => "not_found",
            ConsulErrorKind.SessionNotFound => "session_not_found",
            ConsulErrorKind.Conflict => "conflict",
            ConsulErrorKind.RateLimited => "rate_limited",
            ConsulErrorKind.TooLarge => "too_large",
            _ => "transport",
        };
    }

    private string? WatchOf(string path)
    {
        string clean = path.TrimStart('/');
        if (clean.StartsWith("v1/health/state/", StringComparison.Ordinal))
        {
            return HealthWatch;
        }

        if (clean == _configPath)
        {
            return ConfigWatch;
        }

        return clean == _leaderPath ? LeaderWatch : null;
    }
}
