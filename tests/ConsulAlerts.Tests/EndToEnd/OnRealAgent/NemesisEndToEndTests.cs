using ConsulAlerts.Tests.EndToEnd.Nemesis;
using Xunit.Abstractions;

namespace ConsulAlerts.Tests.EndToEnd.OnRealAgent;

[Collection(NemesisOnRealAgentGroup.Name)]
[Trait("Category", "Slow")]
public sealed class NemesisEndToEndTests(ITestOutputHelper output) : NemesisScenarios(ConsulKind.RealAgent, output);
