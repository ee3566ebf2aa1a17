using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnRealAgent;

[Collection(RealAgentGroup.Name)]
public sealed class TxnErrorContractTests(RealAgentFixture agent) : TxnErrorContract(agent);
