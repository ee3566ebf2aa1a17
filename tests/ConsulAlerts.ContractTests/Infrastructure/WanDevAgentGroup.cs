namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>The multi-datacenter contract tests on one dev agent serving three datacenters.</summary>
[CollectionDefinition(Name)]
public sealed class WanDevAgentGroup : ICollectionFixture<WanDevAgentFixture>
{
    public const string Name = "Several datacenters on the dev agent";
}
