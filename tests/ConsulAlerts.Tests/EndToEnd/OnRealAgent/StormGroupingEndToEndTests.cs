using Xunit.Abstractions;

namespace ConsulAlerts.Tests.EndToEnd.OnRealAgent;

public sealed class StormGroupingEndToEndTests(ITestOutputHelper output) : StormGroupingScenarios(ConsulKind.RealAgent, output);
