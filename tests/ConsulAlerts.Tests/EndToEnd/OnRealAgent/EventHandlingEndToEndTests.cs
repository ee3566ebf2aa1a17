using Xunit.Abstractions;

namespace ConsulAlerts.Tests.EndToEnd.OnRealAgent;

[Collection(FailoverTestGroup.Name)]
[Trait("Category", "Slow")]
public sealed class EventHandlingEndToEndTests(ITestOutputHelper output) : EventHandlingScenarios(ConsulKind.RealAgent, output);
