namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>Long-running tests (session TTL expiry) on a real agent, beside the rest, on their own agent.</summary>
[CollectionDefinition(Name)]
public sealed class SlowRealAgentGroup : ICollectionFixture<RealAgentFixture>
{
    public const string Name = "Consul API on a real agent (slow)";
}
