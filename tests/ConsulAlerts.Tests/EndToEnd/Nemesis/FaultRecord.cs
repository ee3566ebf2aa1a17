using System.Globalization;

namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary>
/// One injected fault: when it began and was healed, when the cluster agreed on a leader again, and what the checker
/// needs to judge the run (seconds into the run throughout).
/// </summary>
internal sealed record FaultRecord(int Round, string Name, string Detail, double Start, double Healed)
{
    /// <summary>When the cluster agreed on a leader again after the fault was healed.</summary>
    public double Recovered { get; init; }

    /// <summary>From <see cref="Start"/> to <see cref="Recovered"/> the cluster may see or decide nothing (no leader, no Consul).</summary>
    public bool Blinds { get; init; }

    /// <summary>Consul itself was away (killed or paused): what was confirmed meanwhile is caught up after <see cref="Healed"/>.</summary>
    public bool ConsulOutage { get; init; }

    /// <summary>
    /// The process whose term may have ended without recording a delivery it made (killed or paused); with
    /// <see cref="EndsEveryTerm"/> any daemon's may have.
    /// </summary>
    public int? VictimPid { get; init; }

    public bool EndsEveryTerm { get; init; }

    /// <summary>The agent lost its data at <see cref="Start"/>; decisions of the new epoch are possible from <see cref="Healed"/>.</summary>
    public bool LostData { get; init; }

    /// <summary>From the fault to a new leader holding the lock, when the leader was hit.</summary>
    public double? Takeover { get; init; }

    public IReadOnlyList<DaemonLoad> Load { get; init; } = [];

    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"round {Round,3} {Start,7:0.0}s-{Healed,7:0.0}s (leader again {Recovered,7:0.0}s) {Name}: {Detail}");
        if (Takeover is { } takeover)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"; takeover {takeover:0.0} s");
        }

        return Load.Count == 0 ? text : text + "; " + string.Join(", ", Load);
    }
}
