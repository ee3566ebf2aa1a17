namespace ConsulAlerts.Tests.EndToEnd.OnRealAgent;

public sealed class ConsulWatchEndToEndTests() : ConsulWatchScenarios(ConsulKind.RealAgent);
