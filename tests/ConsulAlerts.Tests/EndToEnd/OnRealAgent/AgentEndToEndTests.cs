namespace ConsulAlerts.Tests.EndToEnd.OnRealAgent;

public sealed class AgentEndToEndTests() : AgentScenarios(ConsulKind.RealAgent);
