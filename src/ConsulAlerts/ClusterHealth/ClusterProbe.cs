using ConsulAlerts.Configuration;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Queries;

namespace ConsulAlerts.ClusterHealth;

/// <summary>
/// One round of questions to Consul about itself, as few as the switched-on checks need: autopilot's health (which the
/// leader answers, so it also proves there is one); without <c>operator:read</c>, a consistent read of the lock key
/// (only a leader with a quorum answers it, where <c>/v1/status/leader</c> may still name a leader that has lost
/// its quorum); when only the agent is watched, <c>/v1/status/leader</c> as a ping.
/// </summary>
internal sealed class ClusterProbe(ConsulClient client, string lockKey, TimeProvider time)
{
    public async Task<ClusterObservation> ProbeAsync(ClusterHealthConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        bool wantsAutopilot = config.IsOn(ClusterHealthConfig.ServersCheck) || config.IsOn(ClusterHealthConfig.PeersCheck);
        bool wantsLeader = config.IsOn(ClusterHealthConfig.LeaderCheck);
        bool denied = false;

        // A failure is dated from when the round began: an agent that hangs (stopped, not dead) makes a request last
        // its whole timeout, and the outage did not begin when that timeout ran out.
        var started = time.GetUtcNow();

        if (wantsAutopilot)
        {
            try
            {
                var health = await client.Operator.AutopilotHealthAsync(cancellationToken);
                return new ClusterObservation(time.GetUtcNow(), null, true, null, health, false);
            }
            catch (ConsulException e)
            {
                if (Failed(e, started, denied: false) is { } failed)
                {
                    return failed;
                }

                // Denied, or any other answer (a 5xx while servers change, say), tells nothing about servers: ask about the leader.
                denied = e.Kind is ConsulErrorKind.AclDenied or ConsulErrorKind.AclNotFound;
            }
        }

        try
        {
            if (wantsLeader)
            {
                await client.Kv.GetAsync(lockKey, new QueryOptions { Consistency = ConsulConsistency.Consistent }, cancellationToken);
                return new ClusterObservation(time.GetUtcNow(), null, true, null, null, denied);
            }

            await client.Status.LeaderAsync(cancellationToken);
            return new ClusterObservation(time.GetUtcNow(), null, null, null, null, denied);
        }
        catch (ConsulException e)
        {
            return Failed(e, started, denied) ?? new ClusterObservation(time.GetUtcNow(), null, null, null, null, denied);
        }
    }

    /// <summary>What a failed request tells for sure: the agent is unreachable, or there is no leader; null otherwise.</summary>
    private static ClusterObservation? Failed(ConsulException e, DateTimeOffset started, bool denied) => e.Kind switch
    {
        ConsulErrorKind.Transport => new ClusterObservation(started, e.Message, null, null, null, false),
        ConsulErrorKind.NoLeader => new ClusterObservation(started, null, false, e.Message, null, denied),
        _ => null,
    };
}
