using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnDevAgent;

[Collection(DevAgentGroup.Name)]
public sealed class BlockingEndpointsContractTests(DevAgentFixture agent) : BlockingEndpointsContract(agent);
