using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnRealAgent;

[Collection(SlowRealAgentGroup.Name)]
public sealed class SessionTtlContractTests(RealAgentFixture agent) : SessionTtlContract(agent);
