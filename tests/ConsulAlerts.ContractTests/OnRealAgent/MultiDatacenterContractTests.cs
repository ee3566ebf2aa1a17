using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnRealAgent;

[Collection(WanRealAgentGroup.Name)]
public sealed class MultiDatacenterContractTests(WanRealAgentFixture agent) : MultiDatacenterContract(agent);
