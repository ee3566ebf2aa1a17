using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnRealAgent;

[Collection(RealAgentGroup.Name)]
public sealed class HealthContractTests(RealAgentFixture agent) : HealthContract(agent);
