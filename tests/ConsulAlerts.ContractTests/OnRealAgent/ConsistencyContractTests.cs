using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnRealAgent;

[Collection(RealAgentGroup.Name)]
public sealed class ConsistencyContractTests(RealAgentFixture agent) : ConsistencyContract(agent);
