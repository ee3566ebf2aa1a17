namespace ConsulAlerts.Tests.EndToEnd.OnRealAgent;

public sealed class MutingEndToEndTests() : MutingScenarios(ConsulKind.RealAgent);
