using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnDevAgent;

[Collection(SlowDevAgentGroup.Name)]
public sealed class SessionTtlContractTests(DevAgentFixture agent) : SessionTtlContract(agent);
