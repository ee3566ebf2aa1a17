namespace ConsulAlerts.Tests.EndToEnd.OnDevAgent;

public sealed class ConsulWatchEndToEndTests() : ConsulWatchScenarios(ConsulKind.DevAgent);
