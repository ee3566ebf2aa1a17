using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnDevAgent;

[Collection(DevAgentGroup.Name)]
public sealed class ConsistencyContractTests(DevAgentFixture agent) : ConsistencyContract(agent);
