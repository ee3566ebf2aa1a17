using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnDevAgent;

[Collection(WanDevAgentGroup.Name)]
public sealed class MultiDatacenterContractTests(WanDevAgentFixture agent) : MultiDatacenterContract(agent);
