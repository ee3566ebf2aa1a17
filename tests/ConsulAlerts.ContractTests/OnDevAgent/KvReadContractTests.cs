using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnDevAgent;

[Collection(DevAgentGroup.Name)]
public sealed class KvReadContractTests(DevAgentFixture agent) : KvReadContract(agent);
