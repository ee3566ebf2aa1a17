using Xunit.Abstractions;

namespace ConsulAlerts.Tests.EndToEnd.OnRealAgent;

[Collection(FailoverTestGroup.Name)]
[Trait("Category", "Slow")]
public sealed class LeaderHandoverEndToEndTests(ITestOutputHelper output) : LeaderHandoverScenarios(ConsulKind.RealAgent, output);
