using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnRealAgent;

[Collection(AclRealAgentGroup.Name)]
public sealed class AclContractTests(AclRealAgentFixture agent) : AclContract(agent);
