using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnDevAgent;

[Collection(DevAgentGroup.Name)]
public sealed class KvWriteContractTests(DevAgentFixture agent) : KvWriteContract(agent);
