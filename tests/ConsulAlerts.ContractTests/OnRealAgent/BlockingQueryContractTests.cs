using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnRealAgent;

[Collection(RealAgentGroup.Name)]
public sealed class BlockingQueryContractTests(RealAgentFixture agent) : BlockingQueryContract(agent);
