using Xunit.Abstractions;

namespace ConsulAlerts.Tests.EndToEnd.OnDevAgent;

public sealed class StormGroupingEndToEndTests(ITestOutputHelper output) : StormGroupingScenarios(ConsulKind.DevAgent, output);
