using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnDevAgent;

[Collection(DevAgentGroup.Name)]
public sealed class SessionContractTests(DevAgentFixture agent) : SessionContract(agent);
