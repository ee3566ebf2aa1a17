namespace ConsulAlerts.Tests.EndToEnd.OnRealAgent;

public sealed class ConsulHealthEndToEndTests() : ConsulHealthScenarios(ConsulKind.RealAgent);
