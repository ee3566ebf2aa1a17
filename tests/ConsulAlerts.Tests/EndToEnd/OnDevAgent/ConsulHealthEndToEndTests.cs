namespace ConsulAlerts.Tests.EndToEnd.OnDevAgent;

public sealed class ConsulHealthEndToEndTests() : ConsulHealthScenarios(ConsulKind.DevAgent);
