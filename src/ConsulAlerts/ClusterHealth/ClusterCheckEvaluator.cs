using System.Globalization;
using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;
using ConsulAlerts.Consul.Operator;

namespace ConsulAlerts.ClusterHealth;

/// <summary>
/// Turns each round's <see cref="ClusterObservation"/> into the cluster-health checks of the node <c>_consul</c>, as
/// the check engine takes them. No I/O and no clock of its own: what it remembers between rounds is what a single
/// round cannot show (the Raft peers seen before, the best failure tolerance seen, the last known statuses).
/// <list type="bullet">
/// <item><c>consul-leader</c>: critical while Consul answers <c>No cluster leader</c>.</item>
/// <item><c>consul-servers</c>: critical while autopilot calls a server unhealthy; warning while the failure tolerance
/// is below the best seen, or 0 with more than one voter (one more failure loses the quorum); a single-server cluster
/// has no tolerance to lose.</item>
/// <item><c>consul-peers</c>: warning for <see cref="ClusterHealthConfig.PeersHold"/> after a server joined or left
/// the Raft configuration, naming them.</item>
/// <item><c>consul-agent</c>: critical while this daemon's agent does not answer.</item>
/// </list>
/// A round that cannot tell (the agent unreachable hides the leader and the servers) keeps a check's last status; a
/// check never known is left out. The check's <c>ModifyIndex</c> moves with its status only, so an output that changes
/// while the status holds does not restart the threshold.
/// </summary>
internal sealed class ClusterCheckEvaluator
{
    private readonly Dictionary<string, CheckInfo> _last = new(StringComparer.Ordinal);
    private ulong _index;
    private IReadOnlyList<string>? _peers;
    private string? _peersChange;
    private DateTimeOffset _peersChangedAt;
    private int _bestTolerance;

    public IReadOnlyList<CheckInfo> Evaluate(ClusterObservation observation, ClusterHealthConfig config, string agentAddress)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(config);
        var checks = new List<CheckInfo>(4);
        if (!config.Enabled)
        {
            _last.Clear();
            return checks;
        }

        if (config.IsOn(ClusterHealthConfig.LeaderCheck))
        {
            Add(checks, ClusterHealthConfig.LeaderCheck, observation.HasLeader switch
            {
                true => (CheckStatus.Passing, LeaderText(observation.Autopilot)),
                false => (CheckStatus.Critical, "No cluster leader: " + observation.LeaderError),
                null => null,
            });
        }

        if (config.IsOn(ClusterHealthConfig.ServersCheck) && !observation.OperatorDenied)
        {
            Add(checks, ClusterHealthConfig.ServersCheck, observation.Autopilot is { } health ? Servers(health) : null);
        }

        if (config.IsOn(ClusterHealthConfig.PeersCheck) && !observation.OperatorDenied)
        {
            Add(checks, ClusterHealthConfig.PeersCheck, Peers(observation, config));
        }

        if (config.IsOn(ClusterHealthConfig.AgentCheck))
        {
            Add(checks, ClusterHealthConfig.AgentCheck, observation.AgentReachable
                ? (CheckStatus.Passing, $"Consul agent {agentAddress} answers")
                : (CheckStatus.Critical, $"Consul agent {agentAddress} unreachable: {observation.AgentError}"));
        }

        foreach (var id in _last.Keys.Where(id => checks.All(c => c.CheckId != id)).ToList())
        {
            _last.Remove(id);
        }

        return checks;
    }

    private void Add(List<CheckInfo> checks, string id, (string Status, string Output)? now)
    {
        _last.TryGetValue(id, out var last);
        if (now is not { } known)
        {
            if (last is not null)
            {
                checks.Add(last);
            }

            return;
        }

        if (last is not null && last.Status == known.Status && last.Output == known.Output)
        {
            checks.Add(last);
            return;
        }

        var check = new CheckInfo
        {
            Node = ClusterHealthConfig.Node,
            CheckId = id,
            Name = ClusterHealthConfig.NameOf(id),
            Status = known.Status,
            Output = known.Output,
            ModifyIndex = last is not null && last.Status == known.Status ? last.ModifyIndex : ++_index,
        };
        _last[id] = check;
        checks.Add(check);
    }

    private static string LeaderText(AutopilotHealth? health) =>
        health?.Servers.FirstOrDefault(s => s.Leader) is { } leader
            ? $"Consul has a leader: {leader.Name} ({leader.Address})"
            : "Consul has a leader";

    private (string, string) Servers(AutopilotHealth health)
    {
        int voters = health.Servers.Count(s => s.Voter);
        int tolerance = health.FailureTolerance;
        var unhealthy = health.Servers.Where(s => !s.Healthy).ToList();
        var best = _bestTolerance;
        _bestTolerance = Math.Max(_bestTolerance, tolerance);
        string summary = $"{health.Servers.Count - unhealthy.Count} of {health.Servers.Count} servers healthy, failure tolerance {tolerance.ToString(CultureInfo.InvariantCulture)}";
        if (unhealthy.Count > 0)
        {
            var names = string.Join(", ", unhealthy.Select(s => $"{s.Name} ({s.Address}, serf {s.SerfStatus})"));
            return (CheckStatus.Critical, $"Unhealthy: {names}; {summary}");
        }

        if (tolerance < best)
        {
            return (CheckStatus.Warning, $"Failure tolerance dropped from {best.ToString(CultureInfo.InvariantCulture)}; {summary}");
        }

        if (tolerance == 0 && voters > 1)
        {
            return (CheckStatus.Warning, $"One more server failure loses the quorum; {summary}");
        }

        return (CheckStatus.Passing, summary);
    }

    private (string, string)? Peers(ClusterObservation observation, ClusterHealthConfig config)
    {
        if (observation.Autopilot is not { } health)
        {
            return null;
        }

        var peers = health.Servers.Select(s => $"{s.Name} ({s.Address})").Order(StringComparer.Ordinal).ToList();
        string list = $"{peers.Count} servers: {string.Join(", ", peers)}";
        if (_peers is not null && !_peers.SequenceEqual(peers, StringComparer.Ordinal))
        {
            var added = peers.Except(_peers, StringComparer.Ordinal).ToList();
            var removed = _peers.Except(peers, StringComparer.Ordinal).ToList();
            var parts = new List<string>(2);
            if (added.Count > 0)
            {
                parts.Add("added " + string.Join(", ", added));
            }

            if (removed.Count > 0)
            {
                parts.Add("removed " + string.Join(", ", removed));
            }

            _peersChange = "Raft configuration changed: " + string.Join("; ", parts);
            _peersChangedAt = observation.At;
        }

        _peers = peers;
        if (_peersChange is not null && observation.At - _peersChangedAt < config.PeersHold)
        {
            return (CheckStatus.Warning, $"{_peersChange}; now {list}");
        }

        _peersChange = null;
        return (CheckStatus.Passing, list);
    }
}
