namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>The contract tests share one agent per group.</summary>
[CollectionDefinition(Name)]
public sealed class ConsulApiGroup : ICollectionFixture<ConsulAgentFixture>
{
    public const string Name = "Consul API";
}
