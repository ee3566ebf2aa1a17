namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>The multi-datacenter contract tests on three real agents joined over the WAN.</summary>
[CollectionDefinition(Name)]
public sealed class WanRealAgentGroup : ICollectionFixture<WanRealAgentFixture>
{
    public const string Name = "Several datacenters on real agents";
}
