using Xunit.Abstractions;

namespace ConsulAlerts.Tests.EndToEnd.OnDevAgent;

[Collection(FailoverTestGroup.Name)]
[Trait("Category", "Slow")]
public sealed class EventHandlingEndToEndTests(ITestOutputHelper output) : EventHandlingScenarios(ConsulKind.DevAgent, output);
