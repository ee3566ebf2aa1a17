using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnRealAgent;

[Collection(RealAgentGroup.Name)]
public sealed class KvWriteContractTests(RealAgentFixture agent) : KvWriteContract(agent);
