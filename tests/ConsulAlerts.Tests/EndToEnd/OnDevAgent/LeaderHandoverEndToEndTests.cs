using Xunit.Abstractions;

namespace ConsulAlerts.Tests.EndToEnd.OnDevAgent;

[Collection(FailoverTestGroup.Name)]
[Trait("Category", "Slow")]
public sealed class LeaderHandoverEndToEndTests(ITestOutputHelper output) : LeaderHandoverScenarios(ConsulKind.DevAgent, output);
