namespace ConsulAlerts.Tests.EndToEnd;

/// <summary>
/// The failover tests run alone: they measure takeover times in seconds, which other tests loading the CPU would skew.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FailoverTestGroup
{
    public const string Name = "Failover";
}
