using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnDevAgent;

[Collection(DevAgentGroup.Name)]
public sealed class TxnErrorContractTests(DevAgentFixture agent) : TxnErrorContract(agent);
