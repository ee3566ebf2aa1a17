namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>Long-running tests (session TTL expiry) run beside the rest, on their own agent.</summary>
[CollectionDefinition(Name)]
public sealed class SlowConsulApiGroup : ICollectionFixture<ConsulAgentFixture>
{
    public const string Name = "Consul API (slow)";
}
