using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnDevAgent;

[Collection(AclDevAgentGroup.Name)]
public sealed class AclContractTests(AclDevAgentFixture agent) : AclContract(agent);
