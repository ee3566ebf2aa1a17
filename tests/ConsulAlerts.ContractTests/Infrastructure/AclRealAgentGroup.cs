namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>The ACL contract tests on a real agent with ACLs on.</summary>
[CollectionDefinition(Name)]
public sealed class AclRealAgentGroup : ICollectionFixture<AclRealAgentFixture>
{
    public const string Name = "ACL on a real agent";
}
