using ConsulAlerts.Consul.Operator;

namespace ConsulAlerts.ClusterHealth;

/// <summary>What one round of questions to Consul found.</summary>
/// <param name="At">When the round ended; for a failure, when it began.</param>
/// <param name="AgentError">Why this daemon's agent could not be reached; null when it answered.</param>
/// <param name="HasLeader">Whether the cluster has a leader; null when the round could not tell (agent unreachable, or nothing asked).</param>
/// <param name="LeaderError">Consul's answer when it has no leader.</param>
/// <param name="Autopilot">Autopilot's view of the servers; null when not read (not asked, no leader, denied, unreachable).</param>
/// <param name="OperatorDenied">The token may not read <c>/v1/operator</c> (it lacks <c>operator:read</c>).</param>
internal sealed record ClusterObservation(
    DateTimeOffset At,
    string? AgentError,
    bool? HasLeader,
    string? LeaderError,
    AutopilotHealth? Autopilot,
    bool OperatorDenied)
{
    public bool AgentReachable => AgentError is null;
}
