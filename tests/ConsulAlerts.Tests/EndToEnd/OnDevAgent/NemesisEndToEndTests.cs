using ConsulAlerts.Tests.EndToEnd.Nemesis;
using Xunit.Abstractions;

namespace ConsulAlerts.Tests.EndToEnd.OnDevAgent;

[Collection(NemesisOnDevAgentGroup.Name)]
[Trait("Category", "Slow")]
public sealed class NemesisEndToEndTests(ITestOutputHelper output) : NemesisScenarios(ConsulKind.DevAgent, output);
