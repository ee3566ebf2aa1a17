using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnDevAgent;

[Collection(DevAgentGroup.Name)]
public sealed class RequestDecodingContractTests(DevAgentFixture agent) : RequestDecodingContract(agent);
