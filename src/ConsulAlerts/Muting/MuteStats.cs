namespace ConsulAlerts.Muting;

/// <summary>Muted changes counted by reason, since the daemon started; <c>/metrics</c> and <c>/v1/status</c> show them.</summary>
internal sealed class MuteStats
{
    private readonly long[] _muted = new long[Enum.GetValues<MuteKind>().Length];

    public void Count(MuteKind kind) => Interlocked.Increment(ref _muted[(int)kind]);

    /// <summary>Every reason with its count, zeros included, in the order of <see cref="MuteKind"/>.</summary>
    public IReadOnlyList<(MuteKind Kind, string Name, long Muted)> Snapshot() =>
        [.. Enum.GetValues<MuteKind>().Select(kind => (kind, new MuteReason(kind, "").KindName, Interlocked.Read(ref _muted[(int)kind])))];
}
