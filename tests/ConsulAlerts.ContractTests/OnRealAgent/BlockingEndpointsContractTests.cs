using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnRealAgent;

[Collection(RealAgentGroup.Name)]
public sealed class BlockingEndpointsContractTests(RealAgentFixture agent) : BlockingEndpointsContract(agent);
