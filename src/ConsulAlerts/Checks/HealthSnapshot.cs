using System.Collections;

namespace ConsulAlerts.Checks;

/// <summary>
/// A health snapshot gathered from several datacenters: the checks read, and the datacenters it holds no read of yet
/// (watched, but not answered since the daemon started). A tracker keeps the stored states of those datacenters'
/// checks instead of taking them for vanished checks; a plain list is a snapshot with nothing unread.
/// </summary>
internal sealed class HealthSnapshot(IReadOnlyList<CheckInfo> checks, IReadOnlySet<string> unread) : IReadOnlyList<CheckInfo>
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Datacenters watched but not read yet.</summary>
    public IReadOnlySet<string> Unread => unread;

    public int Count => checks.Count;

    public CheckInfo this[int index] => checks[index];

    /// <summary>The datacenters <paramref name="snapshot"/> holds no read of; none for a plain list.</summary>
    public static IReadOnlySet<string> UnreadOf(IReadOnlyList<CheckInfo> snapshot) => snapshot is HealthSnapshot gathered ? gathered.Unread : None;

    /// <summary><paramref name="checks"/> with the unread datacenters of <paramref name="from"/> (the snapshot they were derived from).</summary>
    public static IReadOnlyList<CheckInfo> Like(IReadOnlyList<CheckInfo> from, IReadOnlyList<CheckInfo> checks) =>
        from is HealthSnapshot { Unread.Count: > 0 } gathered ? new HealthSnapshot(checks, gathered.Unread) : checks;

    public IEnumerator<CheckInfo> GetEnumerator() => checks.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
