namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>The ACL contract tests on the dev agent with ACLs on.</summary>
[CollectionDefinition(Name)]
public sealed class AclDevAgentGroup : ICollectionFixture<AclDevAgentFixture>
{
    public const string Name = "ACL on the dev agent";
}
