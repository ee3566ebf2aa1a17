using ConsulAlerts.DevAgent.Blocking;
using ConsulAlerts.DevAgent.Health;

namespace ConsulAlerts.DevAgent.State;

/// <summary>
/// The agent's service reaper, as Consul 1.10's: every 30 s, a service with a check that has been critical for longer
/// than that check's <c>DeregisterCriticalServiceAfter</c> (at least one minute) is deregistered with all its checks.
/// </summary>
internal sealed partial class StateStore
{
    /// <summary>How often the agent looks for services to reap (Consul's <c>check_reap_interval</c>).</summary>
    public static readonly TimeSpan CheckReapInterval = TimeSpan.FromSeconds(30);

    /// <summary>Shorter <c>DeregisterCriticalServiceAfter</c> values are raised to this, as Consul does.</summary>
    public static readonly TimeSpan MinReapAfter = TimeSpan.FromMinutes(1);

    private const string ReapTimerKey = "reap\n";

    // Agent checks that have a reap timeout, and since when each critical one has been critical.
    private readonly Dictionary<string, TimeSpan> _reapAfter = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _criticalSince = new(StringComparer.Ordinal);
    private bool _reaperArmed;

    /// <summary>Called with every agent check's status as it is stored: keeps its reap timeout and critical time.</summary>
    private void TrackForReaping(HealthCheck check)
    {
        if (check.Status == HealthStatus.Critical)
        {
            _criticalSince.TryAdd(check.CheckID, Time.GetUtcNow());
        }
        else
        {
            _criticalSince.Remove(check.CheckID);
        }

        if (check.ServiceID.Length > 0
            && GoDuration.TryParse(check.Definition.DeregisterCriticalServiceAfter, out var after)
            && after > TimeSpan.Zero)
        {
            _reapAfter[check.CheckID] = after < MinReapAfter ? MinReapAfter : after;
            if (!_reaperArmed)
            {
                _reaperArmed = true;
                _scheduler.Schedule(ReapTimerKey, CheckReapInterval);
            }
        }
        else
        {
            _reapAfter.Remove(check.CheckID);
        }
    }

    /// <summary>One pass of the reaper; re-arms itself while any check has a reap timeout.</summary>
    private bool ReapServices(ulong index)
    {
        var now = Time.GetUtcNow();
        var changed = false;
        foreach (var (checkId, after) in _reapAfter.ToArray())
        {
            var check = GetCheck(NodeName, checkId);
            if (check is null)
            {
                _reapAfter.Remove(checkId);
                _criticalSince.Remove(checkId);
                continue;
            }

            if (_criticalSince.TryGetValue(checkId, out var since) && now - since > after)
            {
                // Every check of the service goes with it, so a service is reaped once however many checks qualify.
                changed |= DeleteService(index, NodeName, check.ServiceID);
                _reapAfter.Remove(checkId);
                _criticalSince.Remove(checkId);
            }
        }

        _reaperArmed = _reapAfter.Count > 0;
        if (_reaperArmed)
        {
            _scheduler.Schedule(ReapTimerKey, CheckReapInterval);
        }

        return changed;
    }
}
