namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>The contract tests on a real Consul agent, sharing one agent.</summary>
[CollectionDefinition(Name)]
public sealed class RealAgentGroup : ICollectionFixture<RealAgentFixture>
{
    public const string Name = "Consul API on a real agent";
}
