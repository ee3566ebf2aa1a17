namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>Long-running tests (session TTL expiry) on the dev agent, beside the rest, on their own agent.</summary>
[CollectionDefinition(Name)]
public sealed class SlowDevAgentGroup : ICollectionFixture<DevAgentFixture>
{
    public const string Name = "Consul API on the dev agent (slow)";
}
