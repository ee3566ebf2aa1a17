using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnRealAgent;

[Collection(RealAgentGroup.Name)]
public sealed class RequestDecodingContractTests(RealAgentFixture agent) : RequestDecodingContract(agent);
