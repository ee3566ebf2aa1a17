using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnRealAgent;

[Collection(RealAgentGroup.Name)]
public sealed class OperatorContractTests(RealAgentFixture agent) : OperatorContract(agent);
