using ConsulAlerts.Checks;
using ConsulAlerts.Configuration;

namespace ConsulAlerts.ClusterHealth;

/// <summary>
/// Between the health watcher and the check engine: adds the cluster-health checks of the node <c>_consul</c> to each
/// health snapshot, and hands the engine a new snapshot when either part changes. Snapshots wait until the cluster's
/// checks are known (the first round of <see cref="ClusterHealthWatcher"/>, empty when switched off), so that a new
/// leader never starts from a snapshot without them and takes their stored states for checks that are gone.
/// </summary>
internal sealed class ClusterHealthStage(IHealthSnapshotSink next) : IHealthSnapshotSink
{
    private readonly Lock _gate = new();
    private IReadOnlyList<CheckInfo>? _checks;
    private IReadOnlyList<CheckInfo>? _cluster;
    private bool _confirmPending;

    public void Apply(IReadOnlyList<CheckInfo> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        lock (_gate)
        {
            _checks = checks;
            if (_cluster is not null)
            {
                next.Apply(Merge(checks, _cluster));
            }
        }
    }

    public void Confirm()
    {
        lock (_gate)
        {
            if (_cluster is null)
            {
                _confirmPending = true;
                return;
            }
        }

        next.Confirm();
    }

    /// <summary>The cluster-health checks of the latest round; a snapshot follows only when they changed.</summary>
    public void Publish(IReadOnlyList<CheckInfo> cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        bool confirm;
        lock (_gate)
        {
            if (_cluster is not null && _cluster.SequenceEqual(cluster))
            {
                return;
            }

            _cluster = cluster;
            if (_checks is not null)
            {
                next.Apply(Merge(_checks, cluster));
            }

            confirm = _confirmPending && _checks is not null;
            _confirmPending &= !confirm;
        }

        if (confirm)
        {
            next.Confirm();
        }
    }

    private static IReadOnlyList<CheckInfo> Merge(IReadOnlyList<CheckInfo> checks, IReadOnlyList<CheckInfo> cluster)
    {
        if (cluster.Count == 0)
        {
            return checks;
        }

        // A real node of that name would collide with the synthetic checks' keys: the synthetic ones win.
        var merged = new List<CheckInfo>(checks.Count + cluster.Count);
        foreach (var check in checks)
        {
            if (check.Node != ClusterHealthConfig.Node || cluster.All(c => c.CheckId != check.CheckId))
            {
                merged.Add(check);
            }
        }

        merged.AddRange(cluster);
        return HealthSnapshot.Like(checks, merged);
    }
}
