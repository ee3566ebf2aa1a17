namespace ConsulAlerts.Tests.EndToEnd.OnDevAgent;

public sealed class AgentEndToEndTests() : AgentScenarios(ConsulKind.DevAgent);
