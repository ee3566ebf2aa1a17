namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>The contract tests on the project's dev agent, sharing one agent.</summary>
[CollectionDefinition(Name)]
public sealed class DevAgentGroup : ICollectionFixture<DevAgentFixture>
{
    public const string Name = "Consul API on the dev agent";
}
