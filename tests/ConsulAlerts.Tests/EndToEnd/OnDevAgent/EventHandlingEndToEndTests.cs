using Xunit.Abstractions;

namespace ConsulAlerts.Tests.EndToEnd.OnDevAgent;

// Exactly-once, not speed, is asserted here: it runs beside the other tests rather than in the serial failover group.
[Trait("Category", "Slow")]
public sealed class EventHandlingEndToEndTests(ITestOutputHelper output) : EventHandlingScenarios(ConsulKind.DevAgent, output);
