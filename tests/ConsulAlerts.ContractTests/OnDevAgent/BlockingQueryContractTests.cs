using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnDevAgent;

[Collection(DevAgentGroup.Name)]
public sealed class BlockingQueryContractTests(DevAgentFixture agent) : BlockingQueryContract(agent);
