using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnDevAgent;

[Collection(DevAgentGroup.Name)]
public sealed class MaintenanceContractTests(DevAgentFixture agent) : MaintenanceContract(agent);
