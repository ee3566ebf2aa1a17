using ConsulAlerts.Checks;

namespace ConsulAlerts.Tests.Testing;

/// <summary>Keeps every snapshot and counts the confirmations a stage hands on.</summary>
internal sealed class RecordingSnapshotSink : IHealthSnapshotSink
{
    public List<IReadOnlyList<CheckInfo>> Snapshots { get; } = [];

    public int Confirmations { get; private set; }

    public void Apply(IReadOnlyList<CheckInfo> checks) => Snapshots.Add(checks);

    public void Confirm() => Confirmations++;
}
