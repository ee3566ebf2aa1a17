using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnRealAgent;

[Collection(RealAgentGroup.Name)]
public sealed class MaintenanceContractTests(RealAgentFixture agent) : MaintenanceContract(agent);
