namespace ConsulAlerts.Tests.EndToEnd.Nemesis;

/// <summary>One fault of the catalogue: injects itself with durations and targets drawn from the seeded random, heals, and records what it did.</summary>
internal interface INemesisFault
{
    string Name { get; }

    /// <summary>Injects the fault and heals it; returns before the cluster has recovered (the scheduler waits for that).</summary>
    Task<FaultRecord> InjectAsync(NemesisRun run, int round, Random random);
}
