using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnDevAgent;

[Collection(DevAgentGroup.Name)]
public sealed class OperatorContractTests(DevAgentFixture agent) : OperatorContract(agent);
