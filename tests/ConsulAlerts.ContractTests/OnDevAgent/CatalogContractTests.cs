using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests.OnDevAgent;

[Collection(DevAgentGroup.Name)]
public sealed class CatalogContractTests(DevAgentFixture agent) : CatalogContract(agent);
