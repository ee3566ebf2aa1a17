using ConsulAlerts.Muting;

namespace ConsulAlerts.Tests.Muting;

public sealed class MuteStatsTests
{
    [Fact]
    public void Snapshot_CountsPerReason_ZerosIncluded()
    {
        var stats = new MuteStats();
        stats.Count(MuteKind.Silence);
        stats.Count(MuteKind.Silence);
        stats.Count(MuteKind.Inhibited);

        stats.Snapshot().Select(s => (s.Name, s.Muted)).ShouldBe([("maintenance", 0L), ("silence", 2L), ("inhibited", 1L), ("blacklist", 0L)]);
    }
}
