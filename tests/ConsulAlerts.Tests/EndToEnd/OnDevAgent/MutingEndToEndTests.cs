namespace ConsulAlerts.Tests.EndToEnd.OnDevAgent;

public sealed class MutingEndToEndTests() : MutingScenarios(ConsulKind.DevAgent);
