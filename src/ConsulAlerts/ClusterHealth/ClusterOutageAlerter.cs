using System.Text.Json;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Leadership;
using ConsulAlerts.Muting;
using ConsulAlerts.Notifications;
using ConsulAlerts.Routing;
using ConsulAlerts.Storage;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.ClusterHealth;

/// <summary>
/// The last leader's narrow acting role. When Consul cannot serve (no cluster leader, or this daemon's agent
/// unreachable) no daemon can hold the lock or record a notification, so the normal path cannot send
/// <c>consul-leader</c> or <c>consul-agent</c>. The daemon that led last (it held a term and has seen no other holder
/// since) sends, once the outage has lasted the check's threshold (<c>consul-leader</c>: its change-threshold;
/// <c>consul-agent</c>: <c>checks/consul-health/unreachable-after</c>), one critical message straight through the
/// notifiers of its last good configuration, and one passing message when Consul serves again; then it records the
/// outage in KV. Standbys never send; a daemon that is leading leaves the check to the engine. At most one such
/// critical per outage and daemon, and none when the last leader died with Consul.
/// </summary>
internal sealed class ClusterOutageAlerter
{
    private readonly DirectDelivery _delivery;
    private readonly Func<LeadershipStatus> _election;
    private readonly ISilenceSource _silences;
    private readonly ConsulClient _client;
    private readonly KvLayout _layout;
    private readonly Func<string> _daemon;
    private readonly string _datacenter;
    private readonly ILogger _logger;
    private readonly OutageTracker _agent = new(ClusterHealthConfig.AgentCheck);
    private readonly OutageTracker _leader = new(ClusterHealthConfig.LeaderCheck);
    private bool _lastLeader;
    private string? _session;

    public ClusterOutageAlerter(
        DirectDelivery delivery,
        Func<LeadershipStatus> election,
        ISilenceSource silences,
        ConsulClient client,
        KvLayout layout,
        Func<string> daemon,
        string datacenter,
        ILogger<ClusterOutageAlerter> logger)
    {
        _delivery = delivery;
        _election = election;
        _silences = silences;
        _client = client;
        _layout = layout;
        _daemon = daemon;
        _datacenter = datacenter;
        _logger = logger;
    }

    /// <summary>Whether this daemon led last: it is the one that may act while Consul cannot serve.</summary>
    public bool IsLastLeader => _lastLeader;

    /// <summary>The outages this daemon has sent critical and not yet closed.</summary>
    public IReadOnlyList<string> Acting => new[] { _agent, _leader }.Where(t => t.CriticalSent is not null).Select(t => t.CheckId).ToList();

    /// <summary>Takes one round's observation; sends and records what it calls for. Called by one loop only.</summary>
    public async Task ObserveAsync(ClusterObservation observation, AlertsConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(config);
        var status = _election();
        if (status.Role == LeadershipRole.Leader)
        {
            _lastLeader = true;
            _session = status.SessionId;
        }
        else if (status.Holder is { } holder && holder.Session != _session)
        {
            _lastLeader = false;
        }

        var health = config.Checks.ClusterHealth;
        bool leading = status.Role == LeadershipRole.Leader;
        await TrackAsync(_agent, health.IsOn(_agent.CheckId), down: !observation.AgentReachable, known: true,
            health.UnreachableAfter, $"Consul agent unreachable: {observation.AgentError}", observation, config, leading, cancellationToken);
        await TrackAsync(_leader, health.IsOn(_leader.CheckId), down: observation.HasLeader == false, known: observation.HasLeader is not null,
            config.Checks.ThresholdFor(ClusterHealthConfig.Node, "", ClusterHealthConfig.LeaderCheck), $"No cluster leader: {observation.LeaderError}",
            observation, config, leading, cancellationToken);

        if (observation.AgentReachable && observation.HasLeader != false)
        {
            await RecordAsync(_agent, cancellationToken);
            await RecordAsync(_leader, cancellationToken);
        }
    }

    private async Task TrackAsync(
        OutageTracker tracker, bool on, bool down, bool known, TimeSpan threshold, string output,
        ClusterObservation observation, AlertsConfig config, bool leading, CancellationToken cancellationToken)
    {
        if (!on)
        {
            tracker.Reset();
            return;
        }

        if (!known)
        {
            return;
        }

        if (down)
        {
            tracker.Since ??= observation.At;
            var lasted = observation.At - tracker.Since.Value;
            if (tracker.CriticalSent is null && _lastLeader && !leading && lasted >= threshold)
            {
                tracker.Output = output;
                ClusterHealthLog.Acting(_logger, tracker.CheckId, output, lasted, CheckStatus.Critical);

                // Marked sent before the attempt: one critical per outage even when every notifier failed.
                tracker.CriticalSent = observation.At;
                await SendAsync(tracker.CheckId, CheckStatus.Passing, CheckStatus.Critical, output, observation.At, config, cancellationToken);
            }

            return;
        }

        if (tracker.CriticalSent is { } sent)
        {
            ClusterHealthLog.ActingRecovered(_logger, tracker.CheckId);
            string passing = tracker.CheckId == ClusterHealthConfig.AgentCheck ? "Consul agent answers again" : "Consul has a leader again";
            bool delivered = await SendAsync(tracker.CheckId, CheckStatus.Critical, CheckStatus.Passing, passing, observation.At, config, cancellationToken);
            tracker.Unrecorded = new OutageRecord
            {
                CheckID = tracker.CheckId,
                Started = tracker.Since ?? sent,
                CriticalSent = sent,
                Ended = observation.At,
                PassingSent = delivered ? observation.At : null,
                Daemon = _daemon(),
                Output = tracker.Output,
            };
        }

        tracker.Reset();
    }

    private async Task<bool> SendAsync(
        string checkId, string previous, string status, string output, DateTimeOffset at, AlertsConfig config, CancellationToken cancellationToken)
    {
        var check = new CheckInfo { Node = ClusterHealthConfig.Node, CheckId = checkId, Name = ClusterHealthConfig.NameOf(checkId), Status = status, Output = output };
        var facts = MuteFacts.Build([check], config.InhibitRules, _datacenter);
        if (new MuteEvaluator(facts, config, _silences.Silences, _datacenter, at).ReasonFor(check, status) is { } reason)
        {
            ClusterHealthLog.DirectMuted(_logger, checkId, status, reason.Kind);
            return false;
        }

        var profile = AlertRouter.SelectProfile(config, check, status, onMissing: null, _datacenter);
        var message = Message.From(new CheckTransition(check, previous, status, at), profile);
        return await _delivery.SendAsync(message, config, cancellationToken);
    }

    private async Task RecordAsync(OutageTracker tracker, CancellationToken cancellationToken)
    {
        if (tracker.Unrecorded is not { } record)
        {
            return;
        }

        string key = _layout.ConsulHealthOutage(record.CheckID);
        try
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(record, ClusterHealthJsonContext.Default.OutageRecord);
            await _client.Kv.PutAsync(key, body, options: null, cancellationToken);
            tracker.Unrecorded = null;
            ClusterHealthLog.Recorded(_logger, record.CheckID, key);
        }
        catch (Consul.Errors.ConsulException)
        {
            // Consul answered the probe a moment ago; the next round tries again.
        }
    }
}
